import { registerWhere } from './register-query';

describe('the register of certificates: its filter', () => {
  it('matches everything for a reader who reaches every centre and asks for nothing', () => {
    expect(registerWhere({ reach: null })).toEqual({ where: '', params: [] });
  });

  it('keeps a manager to their centres whatever else is asked', () => {
    const { where, params } = registerWhere({ reach: ['a', 'b'], centreId: 'c' });
    expect(where).toBe('WHERE c.centre_id = ANY($1::uuid[]) AND c.centre_id = $2');
    expect(params).toEqual([['a', 'b'], 'c']);
  });

  it('numbers every filter in order', () => {
    const { where, params } = registerWhere({
      reach: null,
      cardId: 'k',
      status: 'revoked',
      issuedFrom: '2026-01-01',
      issuedTo: '2026-12-31',
      q: 'Нур',
    });
    expect(where).toBe(
      'WHERE c.card_id = $1 AND c.status = $2 AND c.issued_on >= $3::date AND c.issued_on <= $4::date AND (c.number ILIKE $5 OR c.holder_name ILIKE $5)',
    );
    expect(params).toEqual(['k', 'revoked', '2026-01-01', '2026-12-31', '%Нур%']);
  });

  it('searches for the wildcard characters themselves', () => {
    expect(registerWhere({ reach: null, q: '50%_a\\b' }).params).toEqual(['%50\\%\\_a\\\\b%']);
  });
});
