import { authorOptionIds, labelOptions } from './option-labels';

const counter = (): (() => string) => {
  let n = 0;
  return () => `L${(n += 1)}`;
};

describe('labelOptions', () => {
  it('gives each option of each item a label, in display order', () => {
    expect(labelOptions([['a', 'b'], ['c'], []], counter())).toEqual([['L1', 'L2'], ['L3'], []]);
  });

  it('never repeats a label within the test, drawing again on a collision', () => {
    const scripted = ['x', 'x', 'y', 'x', 'z'];
    const source = jest.fn(() => scripted.shift() ?? 'unused');
    expect(labelOptions([['a', 'b'], ['c']], source)).toEqual([['x', 'y'], ['z']]);
    expect(source).toHaveBeenCalledTimes(5);
  });

  it('draws again on an empty label', () => {
    const scripted = ['', 'p'];
    expect(labelOptions([['a']], () => scripted.shift() ?? '')).toEqual([['p']]);
  });

  it('gives up on a source that keeps repeating itself', () => {
    expect(() => labelOptions([['a', 'b']], () => 'same')).toThrow('repeating');
  });

  it('labels nothing when there is nothing to label', () => {
    expect(labelOptions([], counter())).toEqual([]);
  });
});

describe('authorOptionIds', () => {
  const labels = ['k9', 'm2', 'q7'];
  const order = ['c', 'a', 'b'];

  it('maps each chosen label to the option shown under it', () => {
    expect(authorOptionIds(labels, order, ['k9'])).toEqual(['c']);
    expect(authorOptionIds(labels, order, ['q7', 'm2'])).toEqual(['a', 'b']);
  });

  it('keeps an unanswered item unanswered and an emptied one empty', () => {
    expect(authorOptionIds(labels, order, null)).toBeNull();
    expect(authorOptionIds(labels, order, [])).toEqual([]);
  });

  it('drops labels that are not options of the item, including the author’s own ids', () => {
    expect(authorOptionIds(labels, order, ['a', 'b', 'zz'])).toEqual([]);
    expect(authorOptionIds(labels, order, ['a', 'm2'])).toEqual(['a']);
  });

  it('counts a label chosen twice once', () => {
    expect(authorOptionIds(labels, order, ['m2', 'm2'])).toEqual(['a']);
  });

  it('ignores a label past the end of a shorter option order', () => {
    expect(authorOptionIds(labels, ['c', 'a'], ['q7'])).toEqual([]);
  });
});
