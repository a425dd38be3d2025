/**
 * Makes `nodes` the children of `parent`, in order, touching only what is out of place: nodes
 * that stay keep their layout (and scroll position), which replaceChildren would throw away.
 */
export function syncChildren(parent: Node, nodes: readonly Node[]): void {
  const keep = new Set(nodes);
  for (const c of Array.from(parent.childNodes)) if (!keep.has(c)) parent.removeChild(c);
  let at = parent.firstChild;
  for (const n of nodes) {
    if (n === at) at = at.nextSibling;
    else parent.insertBefore(n, at);
  }
}
