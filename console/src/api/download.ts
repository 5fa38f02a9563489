import { apiFile } from './http';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves a list's workbook (`?format=xlsx` on its endpoint) under the name the API suggests; returns its type. */
export async function downloadXlsx(path: string, fallbackName: string): Promise<string> {
  const { blob, fileName } = await apiFile(path, XLSX);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName ?? fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob.type;
}
