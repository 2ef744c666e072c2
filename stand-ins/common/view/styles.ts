// The one stylesheet of the stand-ins' pages (Slack has its own), served as <base>/_view/view.css: the
// Content-Security-Policy allows no inline style. A bar in the vendor's colour, one readable column that also fits a
// phone, and the few pieces the pages share (facts, lozenges, forms, notices). Colours keep WCAG AA contrast; system
// fonts only.
export const STYLESHEET = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#172b4d;background:#f7f8f9}
a{color:#0052cc}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:2px solid #0052cc;outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:1}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:4px 24px;padding:10px 20px;color:#fff;background:#0052cc}
.theme-confluence .bar{background:#172b4d}
.theme-statuspage .bar{background:#1f2937}
.theme-phone .bar{background:#9f1239}
.theme-mail .bar{background:#374151}
.bar a{color:#fff}
.brand{margin:0;font-weight:700;font-size:17px}
.brand a{text-decoration:none}
.tag{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;border:1px solid #fff;border-radius:3px;padding:0 4px;vertical-align:2px}
.bar ul{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding:0}
.bar nav a[aria-current=page]{font-weight:700}
.content{max-width:980px;margin:0 auto;padding:20px 20px 48px}
h1{font-size:24px;line-height:1.25;margin:8px 0 16px}
h2{font-size:18px;margin:28px 0 8px}
h3{font-size:16px;margin:20px 0 6px}
.sub{color:#44546f;margin:-8px 0 16px}
.card{background:#fff;border:1px solid #dcdfe4;border-radius:6px;padding:12px 16px;margin:12px 0}
.card>:first-child,.doc-section>:first-child{margin-top:4px}
.doc-section+.doc-section{border-top:1px solid #dcdfe4;margin-top:12px;padding-top:4px}
details.edit{margin:4px 0 8px}
details.edit>summary{color:#0052cc;font-size:14px;cursor:pointer}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
.facts dt{color:#44546f;font-weight:600}
.facts dd{margin:0;overflow-wrap:anywhere}
.table{border-collapse:collapse;width:100%;background:#fff}
.table th,.table td{text-align:left;padding:8px 10px;border-bottom:1px solid #dcdfe4;vertical-align:top;overflow-wrap:anywhere}
.table th{color:#44546f;font-size:13px}
.scroll{overflow-x:auto}
.lozenge{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;border-radius:3px;padding:0 6px;background:#dfe1e6;color:#253858;white-space:nowrap}
.lozenge.indeterminate,.lozenge.identified,.lozenge.degraded_performance,.lozenge.minor{background:#deebff;color:#0747a6}
.lozenge.done,.lozenge.resolved,.lozenge.operational,.lozenge.none{background:#e3fcef;color:#006644}
.lozenge.investigating,.lozenge.partial_outage,.lozenge.major{background:#fff0b3;color:#5e4100}
.lozenge.major_outage,.lozenge.critical,.lozenge.failed,.lozenge.undelivered{background:#ffebe6;color:#ae2a19}
.lozenge.monitoring,.lozenge.under_maintenance,.lozenge.maintenance{background:#eae6ff;color:#403294}
.labels{list-style:none;display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0}
.labels li{display:inline-flex;align-items:center;gap:4px;background:#f1f2f4;border-radius:3px;padding:0 0 0 6px}
.labels form{display:inline}
.list{list-style:none;margin:0;padding:0}
.list>li{background:#fff;border:1px solid #dcdfe4;border-radius:6px;padding:10px 14px;margin:8px 0}
.meta{color:#44546f;font-size:13px}
.doc{overflow-wrap:anywhere}
.doc table{border-collapse:collapse;margin:8px 0;background:#fff}
.doc th,.doc td{border:1px solid #c1c7d0;padding:4px 8px;text-align:left;vertical-align:top}
.doc th{background:#f1f2f4}
.doc pre,.doc code{font:13px ui-monospace,Menlo,Consolas,monospace;background:#f1f2f4;border-radius:3px}
.doc pre{padding:8px;white-space:pre-wrap}
.doc blockquote{margin:8px 0;padding-left:12px;border-left:3px solid #c1c7d0}
.macro{border:1px solid #c1c7d0;border-left:4px solid #0052cc;border-radius:3px;padding:4px 12px;margin:8px 0;background:#fff}
.macro-name{font-size:12px;color:#44546f;margin:4px 0}
.panel{border-radius:3px;padding:8px 12px;margin:8px 0;background:#deebff}
form.stack{display:grid;gap:10px;max-width:640px}
label{font-weight:600;display:block}
input[type=text],input[type=search],select,textarea{width:100%;font:inherit;padding:6px 8px;border:2px solid #8590a2;border-radius:3px;background:#fff;color:#172b4d}
textarea{min-height:120px;resize:vertical}
.hint{font-size:13px;color:#44546f;margin:2px 0 0;font-weight:400}
.inline{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
.inline>div{flex:1;min-width:160px}
.btn{font:inherit;font-weight:600;min-height:36px;padding:4px 14px;border-radius:3px;border:1px solid #8590a2;background:#fff;color:#172b4d;cursor:pointer}
.btn.primary{background:#0052cc;border-color:#0052cc;color:#fff}
.btn.small{min-height:24px;padding:0 6px;font-size:13px;border:0;background:transparent}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.actions form{display:inline}
.notice{border-radius:4px;padding:8px 12px;margin:12px 0}
.notice.ok{background:#dcfff1;color:#164b35}
.notice.error{background:#ffeceb;color:#8a1c0b}
.overall{font-size:18px;font-weight:700;border-radius:6px;padding:14px 18px;margin:12px 0;background:#e3fcef;color:#006644}
.overall.minor{background:#fff0b3;color:#5e4100}
.overall.major,.overall.critical{background:#ffebe6;color:#ae2a19}
.components{list-style:none;margin:0;padding:0;background:#fff;border:1px solid #dcdfe4;border-radius:6px}
.components li{display:flex;justify-content:space-between;gap:12px;padding:10px 14px;border-top:1px solid #dcdfe4}
.components li:first-child{border-top:0}
.updates{list-style:none;margin:8px 0 0;padding:0}
.updates li{margin:8px 0;padding-left:12px;border-left:3px solid #dcdfe4}
.thread{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:10px}
.bubble{max-width:80%;border-radius:14px;padding:8px 12px;background:#fff;border:1px solid #dcdfe4;overflow-wrap:anywhere}
.bubble .body{white-space:pre-wrap;margin-bottom:4px}
.bubble.out{align-self:flex-end;background:#0b57d0;border-color:#0b57d0;color:#fff}
.bubble.out .meta{color:#e8eefc}
.bubble p{margin:0}
.keypad{display:grid;grid-template-columns:repeat(3,64px);gap:8px;margin:8px 0}
.keypad .btn{min-height:48px;font-size:20px}
.said{margin:6px 0;padding-left:18px}
.mail-frame{width:100%;height:560px;border:1px solid #dcdfe4;border-radius:6px;background:#fff}
.mail-text{white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;background:#fff;border:1px solid #dcdfe4;border-radius:6px;padding:12px}
@media (max-width:600px){.content{padding:12px 12px 32px}.facts{grid-template-columns:1fr}.facts dt{margin-top:6px}.bubble{max-width:92%}.mail-frame{height:480px}}
`;
