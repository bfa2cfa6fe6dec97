import { checkAdditionalFunctions } from './assessed-functions';
import { thrown, inEnglish } from '@qualcert/shared/testing';

describe('checkAdditionalFunctions', () => {
  const card = ['f3', 'f4'];

  it('accepts none: additional functions are optional', () => {
    expect(checkAdditionalFunctions({ chosen: [], cardAdditional: card, offered: null })).toEqual([]);
  });

  it('accepts offered functions of the card', () => {
    expect(checkAdditionalFunctions({ chosen: ['f4'], cardAdditional: card, offered: ['f3', 'f4'] })).toEqual(['f4']);
  });

  it('refuses a function that is not an additional one of the card, or named twice (400, field named)', () => {
    const error = thrown(() =>
      checkAdditionalFunctions({ chosen: ['f1', 'f3', 'f3'], cardAdditional: card, offered: card }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(inEnglish(error.details)).toEqual({
      fields: [
        {
          field: 'additionalFunctionIds',
          messages: ['f1 is not an additional function of the card', 'f3 is named twice'],
        },
      ],
    });
  });

  it('refuses a function the centre does not offer (409 FUNCTION_NOT_OFFERED naming it)', () => {
    const error = thrown(() =>
      checkAdditionalFunctions({ chosen: ['f3', 'f4'], cardAdditional: card, offered: ['f3'] }),
    );
    expect(error.code).toBe('FUNCTION_NOT_OFFERED');
    expect(error.details).toMatchObject({ functionIds: ['f4'], fields: [{ field: 'additionalFunctionIds' }] });
  });

  it('refuses every choice when the centre has no active program for the card', () => {
    const error = thrown(() => checkAdditionalFunctions({ chosen: ['f3'], cardAdditional: card, offered: null }));
    expect(error.code).toBe('FUNCTION_NOT_OFFERED');
    expect(error.message).toContain('no program');
  });
});
