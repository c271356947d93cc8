import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from './csv';

describe('CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, naming each row by its line', () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\nlast,\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"\nthere'] },
      { line: 4, fields: ['last', ''] },
    ]);
  });

  it('writes what it reads back', () => {
    const table = [['name', 'note'], ["Zulrah's scales", 'a "quote", a comma']];
    expect(parseCsv(formatCsv(table)).map((row) => row.fields)).toEqual(table);
  });
});
