import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { Actor, Authenticated, CurrentActor, toAuditActor } from '@qualcert/identity';
import { ApiTags } from '@nestjs/swagger';
import { PublicRoute, UuidParamPipe } from '@qualcert/shared';
import {
  CardDetailDto,
  CardsPageDto,
  FieldOfActivityDto,
  ListCardsQueryDto,
  SkillDetailDto,
  StandardDetailDto,
  StandardDto,
} from './catalogue.dto';
import { CatalogueService } from './catalogue.service';

@ApiTags('catalogue')
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('standards')
  @PublicRoute({ summary: 'Standards with their versions, newest version first', type: [StandardDto] })
  listStandards(): Promise<StandardDto[]> {
    return this.catalogue.listStandards();
  }

  @Get('standards/:id')
  @PublicRoute({
    summary: 'One standard with every version, its import warnings and corrections',
    type: StandardDetailDto,
    notFound: true,
  })
  getStandard(@Param('id', UuidParamPipe) id: string): Promise<StandardDetailDto> {
    return this.catalogue.getStandard(id);
  }

  @Get('standards/:id/cards')
  @PublicRoute({
    summary: 'Profession cards of a standard version (the latest unless ?version=)',
    type: CardsPageDto,
    notFound: true,
  })
  listCards(@Param('id', UuidParamPipe) id: string, @Query() query: ListCardsQueryDto): Promise<CardsPageDto> {
    return this.catalogue.listCards(id, query);
  }

  @Get('cards/:id')
  @PublicRoute({
    summary: 'A profession card with its functions, skills, abilities, knowledge and prerequisite rules',
    type: CardDetailDto,
    notFound: true,
  })
  getCard(@Param('id', UuidParamPipe) id: string): Promise<CardDetailDto> {
    return this.catalogue.getCard(id);
  }

  @Get('skills/:id')
  @PublicRoute({
    summary: 'A skill with its recognition flag, abilities and knowledge',
    type: SkillDetailDto,
    notFound: true,
  })
  getSkill(@Param('id', UuidParamPipe) id: string): Promise<SkillDetailDto> {
    return this.catalogue.getSkill(id);
  }

  @Get('fields')
  @PublicRoute({
    summary: 'Fields of activity (a tree: experience in a field counts for every broader field above it)',
    type: [FieldOfActivityDto],
  })
  listFields(): Promise<FieldOfActivityDto[]> {
    return this.catalogue.listFields();
  }

  @Post('cards/:id/prerequisites/confirm')
  @HttpCode(HttpStatus.OK)
  @Authenticated({
    roles: ['admin'],
    summary: 'Confirm a card’s prerequisite rules (a card needing review can then be applied for)',
    type: CardDetailDto,
    notFound: true,
  })
  confirmPrerequisites(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<CardDetailDto> {
    return this.catalogue.confirmPrerequisites(toAuditActor(actor), id);
  }
}
