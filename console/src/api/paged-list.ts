import { ref, type Ref } from 'vue';
import { api, messageOf } from './http';
import { downloadXlsx } from './download';
import { listQuery } from './list-query';
import type { Page } from './types';

/** A list screen's state: the page shown, its total, whether it is loading, and what went wrong. */
export interface PagedList<Row> {
  rows: Ref<Row[]>;
  total: Ref<number>;
  /** The page shown, from 1 (bound to the pager). */
  page: Ref<number>;
  loading: Ref<boolean>;
  /** The API's refusal or a network failure, in Chinese; empty when the last call went well. */
  error: Ref<string>;
  /** Loads answered so far: lets a browser test wait for the answer to its own search. */
  loads: Ref<number>;
  /** The type of the last workbook saved: lets a browser test see the download happened. */
  downloaded: Ref<string>;
  /** Loads the current page with the filters as they are now. */
  load: () => Promise<void>;
  /** The first page of the filters as they are now (the 查询 button). */
  search: () => void;
  /** The same filters, every page (up to the API's export maximum), as a workbook (下载 Excel). */
  download: () => Promise<void>;
}

/**
 * The list screens' common part (docs/console.md names the screens): `path` asked with the
 * screen's filters (empty ones left out) and a page of `pageSize`, or `?format=xlsx` for the
 * workbook saved as `workbook` when the API names none.
 */
export function usePagedList<Row>(
  path: string,
  filters: () => Readonly<Record<string, string | null | undefined>>,
  workbook: string,
  pageSize = 20,
): PagedList<Row> {
  const rows = ref<Row[]>([]) as Ref<Row[]>;
  const total = ref(0);
  const page = ref(1);
  const loading = ref(false);
  const error = ref('');
  const loads = ref(0);
  const downloaded = ref('');

  const query = (extra: Record<string, string>) => listQuery(filters(), extra);

  async function load() {
    loading.value = true;
    error.value = '';
    try {
      const res = await api<Page<Row>>(`${path}?${query({ page: String(page.value), pageSize: String(pageSize) })}`);
      rows.value = res.items;
      total.value = res.total ?? res.items.length;
    } catch (e) {
      error.value = messageOf(e);
    } finally {
      loading.value = false;
      loads.value += 1;
    }
  }
  function search() {
    page.value = 1;
    void load();
  }
  async function download() {
    error.value = '';
    try {
      downloaded.value = await downloadXlsx(`${path}?${query({ format: 'xlsx' })}`, workbook);
    } catch (e) {
      error.value = messageOf(e);
    }
  }
  return { rows, total, page, loading, error, loads, downloaded, load, search, download };
}
