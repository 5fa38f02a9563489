// @ts-check
// The direction of imports between the layers (docs/architecture.md, "Layers"):
//   workflows/   → @temporalio/workflow, src/core and its own files; types from src/**/*.activities
//                  (the activity interfaces a proxy needs, erased at compile time)
//   src/core/    → its own files, zod and @temporalio/{common,workflow}; types from src/policy
//                  (what a decision records about a parameter)
//   src/policy/  → its own files and src/core; nothing of Nest, Prisma, Temporal or Node I/O
//   src/ (rest)  → anything but workflows/, except the *.workflow.ts files a typed start names
import { dirname, relative, resolve } from 'node:path';

const ROOT = dirname(dirname(new URL(import.meta.url).pathname));

/** @param {string} file repository-relative path */
function layerOf(file) {
  if (file.startsWith('workflows/')) return 'workflows';
  if (file.startsWith('src/core/')) return 'core';
  if (file.startsWith('src/policy/')) return 'policy';
  if (file.startsWith('src/')) return 'src';
  return null;
}

const NODE_IO = /^(node:.*|fs|fs\/promises|path|os|child_process|http|https|net|crypto|worker_threads|stream|zlib)$/;

/**
 * Why an import breaks the layering, or null when it is allowed.
 * @param {string} layer @param {string} target repository path (relative import) or module name
 * @param {boolean} relativeImport @param {boolean} typeOnly
 */
export function layeringViolation(layer, target, relativeImport, typeOnly) {
  const inside = (/** @type {string} */ dir) => relativeImport && (target === dir || target.startsWith(`${dir}/`));
  switch (layer) {
    case 'workflows':
      if (!relativeImport)
        return ['@temporalio/workflow', '@temporalio/common'].includes(target)
          ? null
          : '工作流只能导入 @temporalio/workflow、src/core 和工作流自己的文件';
      if (inside('workflows') || inside('src/core')) return null;
      if (typeOnly && /\.activities$/.test(target)) return null;
      return '工作流只能导入 src/core 与工作流自己的文件（活动接口可 import type）';
    case 'core':
      if (!relativeImport)
        return ['zod', '@temporalio/common', '@temporalio/workflow'].includes(target)
          ? null
          : 'src/core 只能导入 zod 与 @temporalio/common、@temporalio/workflow';
      if (inside('src/core')) return null;
      if (typeOnly && inside('src/policy')) return null;
      return 'src/core 是 API 与工作流共用的一层，只能导入自己的文件（src/policy 仅限 import type）';
    case 'policy':
      if (!relativeImport)
        return /^(@nestjs|@prisma|@temporalio)\//.test(target) || target === 'pg' || NODE_IO.test(target)
          ? '政策引擎是纯计算：不得导入 Nest、Prisma、Temporal 或 Node I/O'
          : null;
      if (inside('src/policy') || inside('src/core')) return null;
      return '政策引擎只能导入自己的文件与 src/core';
    case 'src':
      if (relativeImport && inside('workflows') && !/\.workflow$/.test(target))
        return 'src/ 只能为类型化启动导入 workflows/*.workflow';
      return null;
    default:
      return null;
  }
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: { type: 'problem', schema: [], messages: { layering: '{{why}}（{{source}}）' } },
  create(context) {
    const file = relative(ROOT, context.filename);
    const layer = layerOf(file);
    if (!layer) return {};
    /** @param {any} node @param {boolean} typeOnly */
    function check(node, typeOnly) {
      const source = node.source;
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const relativeImport = spec.startsWith('.');
      const target = relativeImport
        ? relative(ROOT, resolve(dirname(context.filename), spec))
        : spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : spec.split('/')[0];
      const why = layeringViolation(layer, target, relativeImport, typeOnly);
      if (why) context.report({ node: source, messageId: 'layering', data: { why, source: spec } });
    }
    /** @param {any} node */
    const typeOnlyDeclaration = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 &&
        node.specifiers.every((/** @type {any} */ s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, typeOnlyDeclaration(node)),
      ExportNamedDeclaration: (node) => check(node, typeOnlyDeclaration(node)),
      ExportAllDeclaration: (node) => check(node, typeOnlyDeclaration(node)),
      ImportExpression: (node) => check(node, false),
    };
  },
};

export default { rules: { layering: rule } };
