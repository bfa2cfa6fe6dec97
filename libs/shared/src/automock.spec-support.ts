/**
 * A stand-in for an injectable class whose every method is a jest.fn(), for building a service
 * under test with its repositories and collaborators mocked (`sut`), so a rule bug shows without
 * a database.
 */
export function automock<T extends object>(cls: abstract new (...args: never[]) => T): jest.Mocked<T> {
  const mock: Record<string, jest.Mock> = {};
  for (let proto: object | null = cls.prototype as object; proto && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && !(name in mock)) mock[name] = jest.fn();
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return mock as unknown as jest.Mocked<T>;
}
