// The legal-source registry: every parameter cites registered documents, and no text a
// person reads uses the working abbreviations ("seed", "N1 Art.13") instead of the
// document's name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANYANG_COUNTY_CODES } from '../../../src/core/contracts/household-facts';
import {
  DEFAULT_PARAMETERS,
  defaultParameterStore,
  drillParameterVersions,
  evaluateHousehold,
  ParameterStore,
  PolicyInputError,
} from '../../../src/policy';
import { cite, citeZh, LEGAL_SOURCES, legalSource } from '../../../src/policy/sources';
import { goldenHouseholds } from './golden-households';

/** The abbreviations of domain.md that must never reach a reader. */
const ABBREVIATION = /seed|\bN\d+\s*(Art|第)/i;

describe('legal sources', () => {
  it('registers each document once, with a title', () => {
    const ids = LEGAL_SOURCES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of LEGAL_SOURCES) {
      expect(s.title.length).toBeGreaterThan(0);
      expect(s.title).not.toMatch(ABBREVIATION);
    }
    const docNos = LEGAL_SOURCES.flatMap((s) => (s.docNo === null ? [] : [s.docNo]));
    expect(new Set(docNos).size).toBe(docNos.length);
  });

  it('names the Anyang plan by its title and number', () => {
    expect(citeZh(cite.plan('二(二)5'))).toBe(
      '《安阳市加强低收入人口动态监测和常态化救助帮扶工作实施方案》（安政办〔2024〕1号）二(二)5',
    );
    expect(citeZh(cite.minimumLiving('第十三条'))).toBe('《最低生活保障审核确认办法》（民发〔2021〕57号）第十三条');
  });

  it('every parameter version (shipped and drill) cites at least one registered source', () => {
    for (const v of [...DEFAULT_PARAMETERS, ...drillParameterVersions()]) {
      expect(v.citations.length).toBeGreaterThan(0);
      for (const c of v.citations)
        expect({ id: v.id, source: legalSource(c.sourceId)?.id }).toEqual({ id: v.id, source: c.sourceId });
    }
  });

  it('a figure backed only by a local default or an invented value is marked placeholder', () => {
    for (const v of DEFAULT_PARAMETERS) {
      const documented = v.citations.some((c) => legalSource(c.sourceId)?.placeholder === false);
      if (!documented)
        expect({ id: v.id, version: v.version, placeholder: v.placeholder }).toEqual({
          id: v.id,
          version: v.version,
          placeholder: true,
        });
    }
  });

  it('the registry is checked when a store is built', () => {
    expect(() => defaultParameterStore()).not.toThrow();
    expect(() => new ParameterStore([{ ...DEFAULT_PARAMETERS[0], citations: [{ sourceId: 'seed' }] }])).toThrow(
      PolicyInputError,
    );
  });

  it('no text a person reads says "seed" or "N1 Art": listings, reasons, income lines, notes', () => {
    const texts: string[] = [];
    for (const county of ANYANG_COUNTY_CODES) {
      for (const r of defaultParameterStore().inForce({ date: '2026-01-15', county })) texts.push(r.source);
    }
    for (const facts of goldenHouseholds(120)) {
      let d;
      try {
        d = evaluateHousehold(facts, defaultParameterStore());
      } catch (e) {
        if (e instanceof PolicyInputError) {
          texts.push(e.message);
          continue;
        }
        throw e;
      }
      for (const n of d.notDetermined) texts.push(n.zh, n.en);
      for (const p of d.parametersUsed) texts.push(p.source);
      for (const c of Object.values(d.categories)) {
        for (const r of c.reasons) texts.push(r.zh, r.en, ...r.parameters.map((p) => p.source));
        for (const l of c.income.lines) texts.push(l.zh, l.en);
      }
    }
    expect(texts.length).toBeGreaterThan(1000);
    expect(texts.filter((t) => ABBREVIATION.test(t))).toEqual([]);
  });

  it("the README's parameter table names documents, not abbreviations", () => {
    const readme = readFileSync(join(__dirname, '../../../src/policy/README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(60);
    expect(rows.filter((l) => ABBREVIATION.test(l))).toEqual([]);
    for (const id of new Set(DEFAULT_PARAMETERS.map((v) => v.id))) expect(readme).toContain(`\`${id}\``);
  });
});
