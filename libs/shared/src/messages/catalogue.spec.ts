import { LANGUAGES } from './language';
import { MESSAGES, renderMessage, templateParams } from './catalogue';
import { ERROR_STATUS } from '../errors/error-codes';

const sorted = (template: string) => templateParams(template).sort();

describe('the message catalogue', () => {
  it.each(Object.keys(MESSAGES))('%s has kk, ru and en templates with the same parameters', (code) => {
    const templates = MESSAGES[code as keyof typeof MESSAGES] as Record<string, unknown>;
    for (const language of LANGUAGES) {
      expect(typeof templates[language]).toBe('string');
      expect((templates[language] as string).trim()).not.toBe('');
    }
    expect(Object.keys(templates).sort()).toEqual([...LANGUAGES].sort());
    expect(sorted(templates.kk as string)).toEqual(sorted(templates.en as string));
    expect(sorted(templates.ru as string)).toEqual(sorted(templates.en as string));
  });

  it('has a message for every error code', () => {
    expect(Object.keys(ERROR_STATUS).filter((code) => !(code in MESSAGES))).toEqual([]);
  });

  it('renders in the language asked, with the parameters given', () => {
    expect(renderMessage('kk', 'RETAKE_TOO_EARLY:opens_on', { opensOn: '2026-01-02' })).toBe(
      'Бұл карточка бойынша қайта өтінішті 2026-01-02 бастап беруге болады.',
    );
    expect(renderMessage('ru', 'RETAKE_TOO_EARLY:opens_on', { opensOn: '2026-01-02' })).toContain('с 2026-01-02');
    expect(renderMessage('en', 'RETAKE_TOO_EARLY:opens_on', {})).toBe(
      'You may apply for this card again from {opensOn}',
    );
  });
});
