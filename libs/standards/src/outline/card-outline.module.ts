import { Module } from '@nestjs/common';
import { CardOutlineReader } from './card-outline.reader';

/** The card outline reader on its own, for the contexts above and the worker: one cache per process. */
@Module({ providers: [CardOutlineReader], exports: [CardOutlineReader] })
export class CardOutlineModule {}
