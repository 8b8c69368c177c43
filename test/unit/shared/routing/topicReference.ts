// A plain, obviously-correct model of MQTT 5 topic matching (section 4.7), level by level,
// for the property tests to compare the fast implementations against.

export function referenceInnerFilter(filter: string): string {
  const m = /^\$share\/([^/]+)\/(.+)$/s.exec(filter);
  return m && !m[1]!.includes('+') && !m[1]!.includes('#') ? m[2]! : filter;
}

export function referenceMatch(filter: string, topic: string): boolean {
  const f = referenceInnerFilter(filter).split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  const go = (i: number, j: number): boolean => {
    if (i === f.length) return j === t.length;
    if (f[i] === '#') return true;
    if (j === t.length) return false;
    return (f[i] === '+' || f[i] === t[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

export function referenceFilterValid(filter: string): boolean {
  if (filter === '' || filter.includes('\u0000')) return false;
  let inner = filter;
  if (filter.startsWith('$share/')) {
    const rest = filter.slice('$share/'.length);
    const slash = rest.indexOf('/');
    if (slash === -1) return false;
    const group = rest.slice(0, slash);
    inner = rest.slice(slash + 1);
    if (group === '' || group.includes('+') || group.includes('#') || inner === '') return false;
  }
  const levels = inner.split('/');
  return levels.every(
    (level, i) =>
      (!level.includes('+') || level === '+') && (!level.includes('#') || (level === '#' && i === levels.length - 1)),
  );
}
