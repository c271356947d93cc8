// A test that makes the code under test print an error is a failing test: errors belong in the
// injected logger or in a visible state, and an unexpected one must not scroll by unnoticed.
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

let errorSpy: MockInstance<typeof console.error>;
let warnSpy: MockInstance<typeof console.warn>;

beforeEach(() => {
  errorSpy = vi.spyOn(console, 'error');
  warnSpy = vi.spyOn(console, 'warn');
});

afterEach(() => {
  const calls = [...errorSpy.mock.calls, ...warnSpy.mock.calls];
  errorSpy.mockRestore();
  warnSpy.mockRestore();
  if (calls.length > 0) {
    throw new Error(`unexpected console output during the test:\n${calls.map((args) => args.map(String).join(' ')).join('\n')}`);
  }
});
