// The titles live in the contracts so the console's print view heads a notice as its PDF does.
export { noticeTitle } from '../core/contracts/notice-titles';
