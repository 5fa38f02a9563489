import { z } from 'zod';

// The API answers with zod's Simplified Chinese messages; the browser's checks say the same words.
z.config(z.locales.zhCN());
