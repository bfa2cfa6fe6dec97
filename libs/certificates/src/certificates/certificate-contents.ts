import type { BuildCredentialInput } from '../credentials/credential-builder';
import type { CertificateContents } from './certificate.entity';

/** A skill row joined to its labour function, in the card's order. */
export interface SkillOfFunctionRow {
  id: string;
  title: string;
  f_title: string;
  kind: 'mandatory' | 'additional';
}

/** The skills grouped into their labour functions, as the certificate lists them. */
export function groupByFunction(rows: SkillOfFunctionRow[]): CertificateContents['functions'] {
  const functions: CertificateContents['functions'] = [];
  for (const s of rows) {
    let fn = functions.find((f) => f.title === s.f_title && f.kind === s.kind);
    if (!fn) functions.push((fn = { title: s.f_title, kind: s.kind, skills: [] }));
    fn.skills.push({ id: s.id, title: s.title });
  }
  return functions;
}

/** What the signed credential says of the card and its credited skills, from the certificate's contents. */
export function credentialAchievement(
  cardId: string,
  contents: Pick<CertificateContents, 'card' | 'standard' | 'functions'>,
): Pick<BuildCredentialInput, 'card' | 'skills'> {
  return {
    card: {
      id: cardId,
      name: contents.card.name,
      occupationCode: contents.card.occupationCode,
      orkLevel: contents.card.orkLevel,
      standardTitle: contents.standard.title,
      standardVersion: contents.standard.version,
      standardHash: contents.standard.contentHash,
      orderNumber: contents.standard.orderNumber,
    },
    skills: contents.functions.flatMap((f) =>
      f.skills.map((s) => ({ id: s.id, title: s.title, functionTitle: f.title, result: 'credited' })),
    ),
  };
}
