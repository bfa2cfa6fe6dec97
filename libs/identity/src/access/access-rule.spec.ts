import { ROLES } from '../entities/user.entity';
import { Permission, Scope, scopeOf } from './access-rule';

/** The whole table, role by role: a change to who reaches what must change this test. */
const EXPECTED: Record<Permission, Record<(typeof ROLES)[number], Scope>> = {
  [Permission.CentreRead]: { admin: 'all', centre_manager: 'centre', assessor: 'centre', candidate: 'none' },
  [Permission.CentreManageStaff]: { admin: 'all', centre_manager: 'centre', assessor: 'none', candidate: 'none' },
  [Permission.UserRead]: { admin: 'all', centre_manager: 'centre', assessor: 'own', candidate: 'own' },
  [Permission.ApplicationRead]: { admin: 'all', centre_manager: 'centre', assessor: 'assigned', candidate: 'own' },
  [Permission.ApplicationOwn]: { admin: 'all', centre_manager: 'none', assessor: 'none', candidate: 'own' },
  [Permission.ApplicationManage]: { admin: 'all', centre_manager: 'centre', assessor: 'none', candidate: 'none' },
  [Permission.ApplicationCheckDocuments]: {
    admin: 'all',
    centre_manager: 'centre',
    assessor: 'centre',
    candidate: 'none',
  },
  [Permission.CandidateRead]: { admin: 'all', centre_manager: 'centre', assessor: 'assigned', candidate: 'own' },
  [Permission.CandidateManage]: { admin: 'all', centre_manager: 'centre', assessor: 'none', candidate: 'none' },
  [Permission.EvidenceRead]: {
    admin: 'all',
    centre_manager: 'centre',
    assessor: 'assigned_or_document_check',
    candidate: 'own',
  },
  [Permission.CertificateRead]: { admin: 'all', centre_manager: 'centre', assessor: 'assigned', candidate: 'own' },
};

describe('scopeOf', () => {
  const cases = Object.values(Permission).flatMap((permission) =>
    ROLES.map((role) => [permission, role, EXPECTED[permission][role]] as const),
  );

  it.each(cases)('%s as %s: %s', (permission, role, scope) => {
    expect(scopeOf(role, permission)).toBe(scope);
  });

  it('gives an assessor nothing of a candidate by centre alone, except the document check', () => {
    const byCentre = Object.values(Permission).filter((p) => scopeOf('assessor', p) === 'centre');
    expect(byCentre.sort()).toEqual([Permission.ApplicationCheckDocuments, Permission.CentreRead].sort());
  });

  it('never lets a candidate reach beyond their own rows', () => {
    for (const permission of Object.values(Permission)) {
      expect(['own', 'none']).toContain(scopeOf('candidate', permission));
    }
  });
});
