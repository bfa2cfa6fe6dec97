import { negotiateLanguage } from './language';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'ru'],
    ['', 'ru'],
    ['kk', 'kk'],
    ['kk-KZ', 'kk'],
    ['kz', 'kk'],
    ['EN-us', 'en'],
    ['ru-RU,ru;q=0.9', 'ru'],
    ['de, fr;q=0.8', 'ru'],
    ['de, en;q=0.5', 'en'],
    ['en;q=0.4, kk;q=0.8, ru;q=0.6', 'kk'],
    ['en, kk', 'en'],
    ['kk;q=0, en;q=0.1', 'en'],
    ['kk;q=abc, en;q=0.1', 'en'],
    ['*', 'ru'],
    [['en;q=0.2', 'kk;q=0.3'], 'kk'],
  ])('%p → %p', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});
