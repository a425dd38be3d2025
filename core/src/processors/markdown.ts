import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent, Nodes } from 'mdast';

/** Paragraph texts of a Markdown draft (.md only: plain text is never parsed as Markdown). */
export function markdownParagraphs(source: string): string[] {
  const tree = unified().use(remarkParse).parse(source) as Root;
  const out: string[] = [];
  const visit = (node: RootContent, label = '') => {
    switch (node.type) {
      case 'heading':
      case 'paragraph':
        out.push(label + toText(node));
        break;
      case 'list': {
        const start = node.start ?? 1;
        node.children.forEach((item, i) => item.children.forEach((child, j) => visit(child, j === 0 && node.ordered ? `${start + i}.` : '')));
        break;
      }
      case 'blockquote':
        node.children.forEach((c) => visit(c));
        break;
      case 'code':
        out.push(...node.value.split('\n'));
        break;
      case 'table':
        for (const row of node.children) for (const cell of row.children) out.push(toText(cell));
        break;
      case 'thematicBreak':
        break;
      default:
        if ('value' in node && typeof node.value === 'string') out.push(node.value);
    }
  };
  tree.children.forEach((c) => visit(c));
  return out;
}

function toText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if (node.type === 'break') return ' ';
  if ('children' in node) return (node.children as Nodes[]).map(toText).join('');
  return '';
}
