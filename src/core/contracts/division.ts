import { z } from 'zod';

export { ANYANG_CITY, countyOf, divisionCovers, divisionPrefix, townshipOf } from '../division-codes';

/** A county-level division code (GB/T 2260, 6 digits), as every API input names it. */
export const CountyCode = z.string().regex(/^\d{6}$/, { error: '须为 6 位县级区划代码' });
/** A township-level division code (9 digits). */
export const TownshipCode = z.string().regex(/^\d{9}$/, { error: '须为 9 位乡镇区划代码' });
