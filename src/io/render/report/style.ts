/**
 * The page's stylesheet: system fonts only (nothing to fetch), a readable column on a laptop,
 * and a print stylesheet for A4 (each section on a new page, figures and table rows not
 * split, table headers repeated, fills kept). Tranche colours are lightness steps of one
 * blue; money that did not reach its kommune is hatched (lines drawn by `svg.ts`).
 */
import { gridGreys } from './tranche-grid.js';
import { trancheColors } from './svg.js';

/** The CSS for a pool of `tranches` tranches. */
export function stylesheet(tranches: number): string {
  const fills = trancheColors(tranches).map((c, i) => `.t${i + 1}{fill:${c}}`).join('');
  const greys = gridGreys(tranches).map((c, i) => `.g${i}{fill:${c}}`).join('');
  return `${BASE}${fills}${greys}`;
}

const BASE = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#5a5a5a;--rule:#d0d0d0;--bg:#fff;--band:#f3f5f8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",Arial,sans-serif;font-variant-numeric:tabular-nums}
main{max-width:1100px;margin:0 auto;padding:28px 28px 48px}
h1{font-size:26px;line-height:1.2;margin:0 0 4px}
h2{font-size:21px;margin:0 0 8px;padding-top:8px;border-top:3px solid var(--ink)}
h3{font-size:16px;margin:18px 0 4px}
p{margin:6px 0;max-width:78ch}
.sub{color:var(--muted);margin:0 0 14px}
nav{margin:10px 0 18px;font-size:14px}
nav a{color:#0b4f8a;margin-right:14px}
section{margin:30px 0 0}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0 6px;padding:0;list-style:none}
.kpis li{flex:1 1 150px;border:1px solid var(--rule);border-radius:6px;padding:8px 10px;background:var(--band)}
.kpis b{display:block;font-size:19px}
.kpis span{color:var(--muted);font-size:13px}
.check{font-weight:600;max-width:none}
.ok{color:#1a5e20}.bad{color:#a00000}
figure{margin:14px 0 8px;break-inside:avoid}
figcaption{color:var(--muted);font-size:13px;margin-top:2px;max-width:100ch}
svg.chart{display:block;width:100%;height:auto;max-width:1040px}
svg text{font-family:inherit;fill:var(--ink)}
.tick{font-size:10.5px;fill:var(--muted)}
.yr{font-weight:600}
.at{font-size:11.5px;font-weight:600}
.lg{font-size:11px}
.nm{font-size:11px}
.dim{fill:var(--muted)}
.amt{font-size:10.5px}
.val{font-size:10px}
.dg{font-size:9px;font-weight:700}
.inv{fill:#fff}
.halo{fill:#000;paint-order:stroke;stroke:#fff;stroke-width:2.6px;stroke-linejoin:round}
.grid{stroke:#e3e3e3;stroke-width:1}
.axis{stroke:#444;stroke-width:1}
.lead{stroke:#777;stroke-width:.8}
.sw{stroke:#444;stroke-width:.6}
.na{fill:#ececec}.hna{fill:none;stroke:#6f6f6f;stroke-width:1.3}
.ff{fill:#d55e00}.hff{fill:none;stroke:#fff;stroke-width:1}
.ffl{fill:#f6c39c}.hffl{fill:none;stroke:#a94a00;stroke-width:.9}
.un{fill:#fff;stroke:#555;stroke-width:.6;stroke-dasharray:1 1}
.pe{fill:#fff;stroke:#333;stroke-width:1;stroke-dasharray:2.5 1.5}
.paid{fill:none;stroke:#000;stroke-width:1.4}
.rcp{fill:#3a3a3a}
.band{fill-opacity:.75;stroke:#fff;stroke-width:.5}
.bna{fill:#8f8f8f}.bff{fill:#b34700}.bffl{fill:#f5b98c}
.ref{stroke:#000;stroke-width:1.4;stroke-dasharray:6 3}
.ref2{stroke:#000;stroke-width:1;stroke-dasharray:1.5 2.5}
.legend .ref,.legend .ref2{stroke-width:2}
.thr{stroke:#222;stroke-width:1;stroke-dasharray:4 2}
.streak{fill:#fde2a7}
.run{fill:#fdf1d2;stroke:#e0b050;stroke-width:.6;stroke-dasharray:2 2}
.rate{fill:none;stroke:#08519c;stroke-width:1.6;stroke-linejoin:round}
.meet{fill:#08306b}
.miss{stroke:#a00000;stroke-width:1.2;fill:none}
.sy{font-size:8.5px;fill:var(--muted)}
svg.spark{display:block;width:100%;max-width:320px;height:auto}
table{border-collapse:collapse;font-size:13px;margin:8px 0}
th,td{padding:3px 8px;border-bottom:1px solid #e6e6e6;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--ink);font-size:12.5px;vertical-align:bottom}
td.n,th.n{text-align:right;white-space:nowrap}
tfoot td,tfoot th{border-top:2px solid var(--ink);font-weight:700}
table.flows td:first-child{white-space:nowrap}
table.progress{width:100%;table-layout:fixed}
table.progress td,table.progress th{padding:2px 6px}
table.progress td.status{font-size:12px;line-height:1.35}
tr.group th{background:var(--band);font-size:14px;padding:6px;border-bottom:1px solid var(--rule)}
.tag{display:inline-block;font-size:11px;font-weight:600;border:1px solid #999;border-radius:3px;padding:0 4px;margin:1px 0}
.tag.stopped{border-color:#a00000;color:#a00000}
.tag.close{border-color:#8a5a00;color:#6a4400}
.code{color:var(--muted);font-weight:400;font-size:11px}
details{margin:8px 0}
summary{cursor:pointer;color:#0b4f8a}
.note{color:var(--muted);font-size:13px}
footer{margin-top:36px;border-top:1px solid var(--rule);padding-top:8px;color:var(--muted);font-size:12.5px}
@page{size:A4;margin:12mm 11mm 14mm}
@media print{
  body{font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  main{max-width:none;padding:0}
  nav,details{display:none}
  h1{font-size:18pt}
  h2{font-size:14pt}
  section{break-before:page;margin:0}
  section:first-of-type{break-before:auto}
  h2,h3{break-after:avoid}
  svg.chart{max-width:100%;max-height:165mm}
  .kpis{gap:6px}
  .kpis li{flex:1 1 0;min-width:0;padding:4px 6px}
  .kpis b{font-size:11pt}
  .kpis span{font-size:7.5pt;line-height:1.25}
  tr{break-inside:avoid}
  tr.group{break-after:avoid}
  table.progress td.status{font-size:7.5pt}
  table{font-size:8.5pt}
  thead{display:table-header-group}
  .kpis li{background:none}
  a{color:inherit;text-decoration:none}
}
`;
