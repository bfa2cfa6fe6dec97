import { WarningLog } from './parse-warnings';
import { collapseLetterSpacing, readSourceLines } from './source-lines';
import { joinPieces, pieceOf, stripItemNumbers, stripTerminator, tidyText } from './text-cleanup';
import { Vocabulary } from './vocabulary';

/** Joins the given printed lines as the parser joins a wrapped cell, with the lines' own words as dictionary. */
function join(printed: string, dictionary = ''): string {
  const lines = readSourceLines(`${dictionary}\n\n${printed}`, new WarningLog());
  const vocab = Vocabulary.fromLines(lines);
  const cell = lines.slice(lines.length - printed.split('\n').length);
  return joinPieces(cell.map(pieceOf), vocab);
}

describe('letter spacing', () => {
  it('collapses letter-spaced words, keeping double spaces as word gaps', () => {
    expect(collapseLetterSpacing('О б е с п е ч и в а т ь  и  ')).toBe('Обеспечивать  и  ');
    expect(collapseLetterSpacing('з а д а ч  п о  ')).toBe('задач  по  ');
    expect(collapseLetterSpacing('т ь  ')).toBe('ть  ');
    expect(collapseLetterSpacing('1 )  с о б и р а т ь ,  ')).toBe('1 )  собирать,  ');
  });

  it('leaves ordinary text and runs of digits alone', () => {
    expect(collapseLetterSpacing('технической поддержкой и статусе')).toBe('технической поддержкой и статусе');
    expect(collapseLetterSpacing('5 3 3 4 9 - 0 - 0 0 1  ')).toBe('5 3 3 4 9 - 0 - 0 0 1  ');
  });

  it('repairs "Ұ" printed for "ё" inside Russian words, with a warning', () => {
    const warnings = new WarningLog();
    const [line] = readSourceLines('удалҰнного обслуживания', warnings);
    expect(line.text).toBe('удалённого обслуживания');
    expect(warnings.sorted()).toEqual([expect.objectContaining({ line: 1, code: 'CHAR_REPLACED' })]);
  });
});

describe('joining wrapped lines', () => {
  it('joins a word broken in a narrow column when the text prints it whole elsewhere', () => {
    expect(join('наименован\nия занятия', 'Код наименования занятия')).toBe('наименования занятия');
    expect(join('информационно-коммун\nикационную сеть', 'информационно-коммуникационную сеть')).toBe(
      'информационно-коммуникационную сеть',
    );
  });

  it('joins a letter-spaced word ending broken onto the next line', () => {
    expect(join('Обеспечива\nт ь  \nподдержку', 'Обеспечивать поддержку клиентов')).toBe('Обеспечивать поддержку');
  });

  it('keeps words apart where a full line broke between them without a trailing space', () => {
    expect(join('ситуации межличностного взаимодействия с\nклиентами', 'работа с клиентами и с коллегами')).toBe(
      'ситуации межличностного взаимодействия с клиентами',
    );
  });

  it('joins a hyphenated word broken after its hyphen, but not a suspended hyphen', () => {
    expect(join('обеспечения и информационно- \nкоммуникационную сеть')).toBe(
      'обеспечения и информационно-коммуникационную сеть',
    );
    expect(tidyText('удаленному информационно- справочному')).toBe('удаленному информационно-справочному');
    expect(tidyText('аудио- и видеозаписи')).toBe('аудио- и видеозаписи');
  });

  it('attaches punctuation, quotes and brackets wrapped onto another line', () => {
    expect(join('для контакт-центров\n, используемых при обслуживании')).toBe(
      'для контакт-центров, используемых при обслуживании',
    );
    expect(join('сеть "\nИнтернет" для выполнения')).toBe('сеть "Интернет" для выполнения');
    expect(join('опыта специалиста ( \nсертификаты, отзывы)')).toBe('опыта специалиста (сертификаты, отзывы)');
    expect(join('специалитет, ординатура\n)')).toBe('специалитет, ординатура)');
  });

  it('joins a word fragment the text never prints whole', () => {
    expect(
      join('послевузов\nс к о е \nобразовани\nе  (\nмагистрату\nр а ,  \nрезидентур\nа)', 'Послевузовское образование'),
    ).toBe('послевузовское образование (магистратура, резидентура)');
  });
});

describe('list items', () => {
  it('strips item numbers, doubled ones included', () => {
    expect(stripItemNumbers('1) 2) анализировать ситуацию')).toEqual({
      numbers: [1, 2],
      rest: 'анализировать ситуацию',
    });
    expect(stripItemNumbers('4 )  получать')).toEqual({ numbers: [4], rest: 'получать' });
  });

  it('strips the item terminator but keeps an abbreviation', () => {
    expect(stripTerminator('работать с данными;')).toBe('работать с данными');
    expect(stripTerminator('работать с данными.')).toBe('работать с данными');
    expect(stripTerminator('сертификаты, отзывы и др.')).toBe('сертификаты, отзывы и др.');
  });
});
