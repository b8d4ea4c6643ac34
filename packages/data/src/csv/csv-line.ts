/**
 * One CSV record per line (as tf.data's CSV readers): fields split on `delim`; with `useQuoteDelim`, a field in
 * double quotes may contain the delimiter, and `""` inside it is a literal quote.
 */
export function splitCsvLine(line: string, delim: string, useQuoteDelim: boolean): string[] | string {
  if (!useQuoteDelim || !line.includes('"')) return line.split(delim);
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let field = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return 'unterminated quoted field';
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(field);
      if (i === line.length) return out;
      if (!line.startsWith(delim, i)) return `quoted field followed by '${line[i]}' instead of the delimiter`;
      i += delim.length;
    } else {
      const d = line.indexOf(delim, i);
      if (d < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, d));
      i = d + delim.length;
    }
  }
}
