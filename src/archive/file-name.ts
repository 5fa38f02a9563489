import { textProblem } from '../core/contracts/text';

/**
 * The stored name of an upload: a plain name, never a path. A name with a separator or
 * `..` is refused rather than cut down, so what staff see is what was sent.
 * Returns the problem in Chinese, or null.
 */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === '') return '文件名不能为空';
  if (name.length > 200) return '文件名最多 200 个字符';
  if (/[/\\]/.test(name) || name.includes('..')) return '文件名不能包含路径（“/”“\\”或“..”），请只上传文件本身';
  return textProblem(name, false);
}
