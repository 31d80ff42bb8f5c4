// MARK: - The stylesheet

/// The stylesheet embedded in every page (no network): screen, narrow screens and print.
///
/// Text colours reach WCAG AA (4.5:1) on their backgrounds, picture cells included (`ReportReadingTests`).
let reportCSS: StaticString = """
body{font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1180px;margin:0 auto;padding:0 24px 60px;color:#1d2228;background:#fff}
nav.top{font-size:13px;padding:10px 0;border-bottom:1px solid #d8dee4;margin-bottom:16px}
nav.top a{margin-right:14px}
a{color:#0a58ca;text-decoration:none}a:hover{text-decoration:underline}
main>p,main>ul,main>ol,main li,.legend,figure.excerpt figcaption{max-width:100ch}
h1,h2,h3,h4{line-height:1.25;margin:1.4em 0 .5em}
a.anchor{color:#57606a;font-weight:normal;margin-right:.4em}
td code{white-space:nowrap}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f5f7;padding:1px 4px;border-radius:3px}
pre{background:#f6f8fa;padding:10px 12px;overflow:auto;border-radius:4px}pre code{background:none;padding:0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:13px;margin:6px 0 14px}
th,td{border:1px solid #d0d7de;padding:4px 7px;vertical-align:top;text-align:left}
th{background:#f0f3f6}
.summary td.num{text-align:right}
td.summary-text{min-width:24em}
.pass{color:#116329}.fail{color:#b3261e;font-weight:600}
tr.fail-row>td{background:#fff4f3}
tr.diff-row>td:first-child{box-shadow:inset 4px 0 #8250df}
td.first-diff{background:#f5f0ff;outline:2px solid #8250df;outline-offset:-2px}
.diff-note{font-size:11px;font-weight:600;color:#6639ba}
tr:target>td{background:#fff8c5}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;margin-left:8px}
.badge.pass{background:#dafbe1;color:#116329}.badge.fail{background:#ffebe9;color:#b3261e}
.scenario{border:1px solid #d0d7de;border-radius:6px;padding:6px 12px 2px;margin:14px 0;background:#fcfdfe}
.scenario h5{margin:.3em 0;font-size:14px}
.settings{color:#57606a;font-size:12px}.aka{color:#57606a;font-size:12px;font-weight:400;margin-left:8px}
a.loc code{color:#0a58ca}
a.step{font-weight:600}
.exp{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap}
.exp.same,.state.same{color:#57606a;font-style:italic}
.mism{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#b3261e;margin-top:3px}
.state{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px;color:#3d444d;margin-top:4px;border-top:1px dashed #d0d7de;padding-top:3px;white-space:nowrap}
.pl{display:inline-block;width:3.2em;color:#57606a}
.pic{display:inline-flex;vertical-align:middle}.pic i{font-style:normal;display:inline-block;width:12px;height:14px;line-height:14px;text-align:center;font-size:10px;border:1px solid #fff;color:#1d2228}
.pic i.fs{border-left:2px solid #1d2228}
.pic i.eof{box-shadow:inset 2px 0 #d1242f}
.pic i.diff{outline:2px solid #8250df;outline-offset:-1px}
.pic.ruler i{height:11px;line-height:11px;font-size:8px;color:#57606a;border-color:transparent;overflow:visible;white-space:nowrap;text-align:left}
.pic.ruler i.tick{border-left:1px solid #57606a}
.pic.ruler i.eof{box-shadow:inset 2px 0 #d1242f}.pic.ruler i.eof-end{width:2px;background:#d1242f}
.c-none{background:#eef0f2;color:#59636e!important}.c-nu{background:#fff1b8}.c-up{background:#b7e4c7}.c-dirty{background:#f4a261}
.c-dnu{background:#e76f51;color:#1d2228!important;background-image:repeating-linear-gradient(135deg,transparent 0 3px,rgba(255,255,255,.45) 3px 5px);font-weight:700}
.c-wb{background:#8ecae6}.c-lk{background:#59636e;color:#ffffff!important}
.e-hole{background:#eef0f2;color:#59636e!important}.e-dela{background:#cdb4db}.e-unw{background:#a2d2ff}.e-wr{background:#1a6f65;color:#ffffff!important}
.lg{white-space:nowrap;margin-right:.6em}
figure.excerpt{margin:10px 0}figure.excerpt figcaption{font-size:12px;color:#57606a}
.diag{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#b3261e;background:#fff4f3;padding:6px 10px;border-radius:4px;white-space:pre-wrap}
.legend{font-size:12px;color:#57606a}.box-legend{margin:2px 0 4px;max-width:none}
.reverted{font-size:11px;font-weight:600}.reverted.good{color:#116329}.reverted.bad{color:#b3261e;background:#ffebe9}
.reverted-list{font-size:12px;color:#57606a;margin:0 0 8px}
.failures{border:1px solid #b3261e;border-radius:6px;padding:4px 12px;background:#fff4f3}.failures h2{margin:.4em 0;font-size:16px}
.toc-box{border:1px solid #d0d7de;border-radius:6px;padding:4px 12px;background:#f6f8fa;font-size:13px;margin:8px 0 14px}
.toc-box summary{font-weight:600;cursor:pointer}.toc ul{margin:2px 0;padding-left:1.3em}.toc li.lvl-3,.toc li.lvl-4{margin-left:1.2em}
.toc li.toc-block{list-style:circle;font-size:12px}
pre.source{font-size:12px;line-height:1.45;white-space:pre}.src-line{display:block}.src-line:target{background:#fff8c5}
a.ln{display:inline-block;width:3.5em;color:#57606a;text-align:right;margin-right:1em;user-select:none}
.search input{font-size:15px;padding:4px 8px;width:min(36em,90%)}
@media (max-width:600px){body{padding:0 10px 40px;font-size:14px}td.summary-text{min-width:14em}}
@media print{
@page{size:A4;margin:12mm}
nav.top,.toc,.search{display:none}
body{max-width:none;padding:0;font-size:10pt}
a{color:#1d2228}
.scroll{overflow:visible}
table{font-size:8pt;break-inside:auto}tr{break-inside:avoid}
.scenario{break-inside:auto;background:none}
.scenario table.steps{zoom:.85}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
pre{white-space:pre-wrap}
}
"""
