import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@qualcert/shared';
import {
  buildStatusListCredential,
  decodeStatusList,
  isBitSet,
  statusSlot,
} from '../credentials/bitstring-status-list';
import { signCredential, verifyCredential } from '../credentials/credential-signer';
import { IssuerKeyProvider } from '../certificates/issuer-key.provider';
import { StatusListsRepository } from './status-lists.repository';

export interface StatusSlot {
  list: number;
  index: number;
  /** The URL of the list credential, as the credential's status entry names it. */
  listCredential: string;
}

export type ListStatus = 'valid' | 'revoked' | 'unknown';

/**
 * Each centre's revocation lists (W3C Bitstring Status List): a bit per credential, given out at
 * issue, set in the transaction that revokes, which signs the list again. The list is issued by the
 * centre's issuer profile, so a verifier that requires the list's issuer to be the credential's
 * finds them equal.
 */
@Injectable()
export class StatusListsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: StatusListsRepository,
    private readonly issuer: IssuerKeyProvider,
    private readonly config: AppConfig,
  ) {}

  listUrl(centreCode: string, listNumber: number): string {
    return `${this.base()}/api/v1/public/status-lists/${encodeURIComponent(centreCode)}/${listNumber}`;
  }

  /** Gives the credential being issued its own bit; the first bit of a list publishes the list. */
  async allocate(manager: EntityManager, centre: { id: string; code: string }, now: Date): Promise<StatusSlot> {
    const { list, index } = statusSlot(await this.repository.nextPosition(manager, centre.id));
    if (index === 0) {
      await this.repository.insertList(manager, centre.id, list, this.signedList(centre.code, list, [], now), now);
    }
    return { list, index, listCredential: this.listUrl(centre.code, list) };
  }

  /** Signs the list again from the registry; called in the transaction that revoked one of its credentials. */
  async republish(manager: EntityManager, centre: { id: string; code: string }, list: number, now: Date) {
    if (!(await this.repository.lockList(manager, centre.id, list))) return;
    const revoked = await this.repository.revokedIndices(manager, centre.id, list);
    await this.repository.updateList(manager, centre.id, list, this.signedList(centre.code, list, revoked, now), now);
  }

  /** Signs again each of the centre's lists named, from the registry as this transaction sees it. */
  async republishLists(manager: EntityManager, centreId: string, lists: Set<number | null>, now: Date): Promise<void> {
    const centre = await this.repository.centreCode(manager, centreId);
    // In order, so two transactions revoking in the same lists lock them in the same order.
    for (const list of [...lists].filter((l): l is number => l !== null).sort((a, b) => a - b)) {
      await this.republish(manager, { id: centreId, code: centre }, list, now);
    }
  }

  async published(centreCode: string, list: number): Promise<Record<string, unknown> | null> {
    return this.repository.findList(this.dataSource.manager, centreCode, list);
  }

  /**
   * What a verifier reading only the list learns of a presented credential's status entry: the list
   * must be one of ours, signed by our key, and its bit says revoked or not.
   */
  async statusOf(entry: unknown): Promise<ListStatus | 'absent'> {
    if (!isRecord(entry) || entry.type !== 'BitstringStatusListEntry') return 'absent';
    const { statusListCredential: url, statusListIndex } = entry;
    const prefix = `${this.base()}/api/v1/public/status-lists/`;
    if (typeof url !== 'string' || !url.startsWith(prefix) || typeof statusListIndex !== 'string') return 'unknown';
    const match = /^([A-Z0-9]{2,10})\/(\d{1,9})$/.exec(url.slice(prefix.length));
    if (!match || !/^\d{1,9}$/.test(statusListIndex)) return 'unknown';
    const list = await this.published(match[1], Number(match[2]));
    if (!list) return 'unknown';
    const check = verifyCredential(list, (vm) =>
      vm === this.issuer.verificationMethodId ? this.issuer.key.publicKeyRaw : null,
    );
    if (check.checks.signature !== 'valid' || check.checks.issuerKey !== 'known') return 'unknown';
    const subject = list.credentialSubject as { encodedList: string };
    const bits = decodeStatusList(subject.encodedList);
    const index = Number(statusListIndex);
    if (index >= bits.length * 8) return 'unknown';
    return isBitSet(bits, index) ? 'revoked' : 'valid';
  }

  private signedList(centreCode: string, list: number, revoked: number[], now: Date): Record<string, unknown> {
    const credential = buildStatusListCredential({
      id: this.listUrl(centreCode, list),
      issuer: this.issuer.centreIssuerId(centreCode),
      validFrom: now,
      revokedIndices: revoked,
    });
    return signCredential(credential, this.issuer.key, this.issuer.verificationMethodId, now) as unknown as Record<
      string,
      unknown
    >;
  }

  private base(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
