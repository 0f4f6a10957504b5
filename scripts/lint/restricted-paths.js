// An ESLint rule that forbids a folder importing another, by resolved path (a relative specifier names no folder by itself:
// '../ipc/x.ts' is the shell from electron/core/ but not from shared/).
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Whether `path` (relative to the project, with /) is `area` itself or inside it. */
const within = (path, area) => path === area || path.startsWith(`${area}/`);

/** @type {import('eslint').Rule.RuleModule} */
export const restrictedPaths = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid imports across the folder boundaries of the architecture' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          zones: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                target: { type: 'string' },
                forbidden: { type: 'array', items: { type: 'string' } },
                except: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['target', 'forbidden', 'message'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'zones'],
        additionalProperties: false,
      },
    ],
    messages: { restricted: '{{from}} may not import {{to}}: {{message}}' },
  },
  create(context) {
    const { root, zones } = context.options[0];
    const projectPath = (absolute) => relative(root, absolute).split(sep).join('/');
    const file = projectPath(context.filename);
    const applying = zones.filter((zone) => within(file, zone.target));
    if (applying.length === 0) return {};

    function check(node, source) {
      if (!source || typeof source.value !== 'string') return;
      const specifier = source.value;
      // Bare specifiers are packages; other rules restrict those.
      if (!specifier.startsWith('.') && !isAbsolute(specifier)) return;
      const to = projectPath(resolve(dirname(context.filename), specifier));
      for (const zone of applying) {
        const hit = zone.forbidden.some((area) => within(to, area)) && !(zone.except ?? []).some((area) => within(to, area));
        if (hit) context.report({ node: source, messageId: 'restricted', data: { from: zone.target, to, message: zone.message } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : undefined),
    };
  },
};
