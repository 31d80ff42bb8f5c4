// MARK: - The stylesheet

/// The stylesheet embedded in every page (no network, no JS).
let reportCSS: StaticString = """
body{font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1180px;margin:0 auto;padding:0 24px 60px;color:#1d2228;background:#fff}
nav.top{font-size:13px;padding:10px 0;border-bottom:1px solid #d8dee4;margin-bottom:16px}
nav.top a{margin-right:14px}
a{color:#0a58ca;text-decoration:none}a:hover{text-decoration:underline}
h1,h2,h3,h4{line-height:1.25;margin:1.4em 0 .5em}
a.anchor{color:#6a737d;font-weight:normal;margin-right:.4em}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f5f7;padding:1px 4px;border-radius:3px}
pre{background:#f6f8fa;padding:10px 12px;overflow:auto;border-radius:4px}pre code{background:none;padding:0}
table{border-collapse:collapse;font-size:13px;margin:6px 0 14px}
th,td{border:1px solid #d0d7de;padding:4px 7px;vertical-align:top;text-align:left}
th{background:#f0f3f6}
.summary td.num{text-align:right}
.pass{color:#116329}.fail{color:#b3261e;font-weight:600}
tr.fail-row>td{background:#fff4f3}
.badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;margin-left:8px}
.badge.pass{background:#dafbe1;color:#116329}.badge.fail{background:#ffebe9;color:#b3261e}
.scenario{border:1px solid #d0d7de;border-radius:6px;padding:6px 12px 2px;margin:14px 0;background:#fcfdfe}
.scenario h5{margin:.3em 0;font-size:14px}
.settings{color:#57606a;font-size:12px}.aka{color:#57606a;font-size:12px;font-weight:400;margin-left:8px}
.exp{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap}
.mism{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#b3261e;margin-top:3px}
.state{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px;color:#3d444d;margin-top:4px;border-top:1px dashed #d0d7de;padding-top:3px}
.pic{display:inline-flex;vertical-align:middle}.pic i{font-style:normal;display:inline-block;width:12px;height:14px;line-height:14px;text-align:center;font-size:10px;border:1px solid #fff;color:#1d2228}
.c-none{background:#eef0f2;color:#9aa0a6!important}.c-nu{background:#fff1b8}.c-up{background:#b7e4c7}.c-dirty{background:#f4a261}.c-dnu{background:#e76f51;color:#fff!important}.c-wb{background:#8ecae6}.c-lk{background:#6c757d;color:#fff!important}
.e-hole{background:#eef0f2;color:#9aa0a6!important}.e-dela{background:#cdb4db}.e-unw{background:#a2d2ff}.e-wr{background:#2a9d8f;color:#fff!important}
figure.excerpt{margin:10px 0}figure.excerpt figcaption{font-size:12px;color:#57606a}
.diag{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#b3261e;background:#fff4f3;padding:6px 10px;border-radius:4px;white-space:pre-wrap}
.legend{font-size:12px;color:#57606a}
.reverted{font-size:11px;font-weight:600}.reverted.red{color:#b3261e}.reverted.fail{background:#ffebe9}
.reverted-list{font-size:12px;color:#57606a;margin:0 0 8px}
"""
