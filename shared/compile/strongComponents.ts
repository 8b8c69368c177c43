/**
 * Tarjan's strongly connected components, iterative (a long chain of nodes must not
 * overflow the call stack). Components come out in reverse topological order; the nodes of
 * each are in the order `nodes` lists them, so the result is deterministic.
 *
 * @example
 * strongComponents(['a', 'b', 'c'], (n) => ({ a: ['b'], b: ['a', 'c'], c: [] })[n]!)
 * // => [['c'], ['a', 'b']]
 */
export function strongComponents(nodes: readonly string[], successors: (node: string) => readonly string[]): string[][] {
  const order = new Map<string, number>();
  nodes.forEach((n, i) => order.set(n, i));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    // Each frame is a node and how many of its successors have been looked at.
    const frames: { node: string; next: number; succ: readonly string[] }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, next: 0, succ: successors(node).filter((s) => order.has(s)) });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.succ.length) {
        const s = frame.succ[frame.next++]!;
        if (!index.has(s)) enter(s);
        else if (onStack.has(s)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(s)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
      }
    }
  }
  return components;
}
