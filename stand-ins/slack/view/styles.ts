// The view's one stylesheet, served as /_view/view.css (the Content-Security-Policy allows no inline style): Slack's
// layout in plain CSS — an aubergine sidebar of conversations, a header, the message list anchored at the bottom, and
// the composer. Colours keep WCAG AA contrast; system fonts only (no external assets).

// White initials on these all pass WCAG AA contrast.
export const AVATAR_COLOURS = ["#1264a3", "#007a5a", "#4a154b", "#8d3b14", "#5b3d8f", "#0b6e75", "#7a2048"];
export const BOT_COLOUR = "#b93815";

const avatars = [...AVATAR_COLOURS, BOT_COLOUR].map((c) => `.avatar-${c.slice(1)}{background:${c}}`).join("\n");

export const STYLESHEET = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:15px/1.46668 -apple-system,BlinkMacSystemFont,"Segoe UI",Lato,"Helvetica Neue",Helvetica,Arial,sans-serif;color:#1d1c1d;background:#fff}
a{color:#1264a3;text-decoration:none}
a:hover{text-decoration:underline}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.app{display:grid;grid-template-columns:260px minmax(0,1fr);height:100vh}
.sidebar{background:#3f0e40;color:#e8dfe8;overflow-y:auto;padding-bottom:16px}
.workspace{padding:14px 16px 12px;border-bottom:1px solid #5d2c5d}
.workspace-name{margin:0;font-size:18px;font-weight:900;color:#fff}
.viewer summary{cursor:pointer;font-size:13px;color:#e8dfe8;margin-top:2px}
.viewer ul{list-style:none;margin:6px 0 0;padding:0}
.viewer a{color:#fff;font-size:13px;display:block;padding:2px 0}
.sidebar h2{font-size:14px;font-weight:400;color:#e8dfe8;margin:16px 16px 4px}
.sidebar ul.convs{list-style:none;margin:0;padding:0 8px}
.convs a{display:flex;gap:8px;align-items:center;padding:3px 10px;border-radius:6px;color:#e8dfe8;font-size:15px;white-space:nowrap}
.convs .name{overflow:hidden;text-overflow:ellipsis}
.convs a:hover{background:#350d36;text-decoration:none}
.convs a[aria-current=page]{background:#1164a3;color:#fff;font-weight:700}
.convs .glyph{width:20px;flex:none;display:flex;justify-content:center}
.icon{vertical-align:-2px}
.main{display:flex;flex-direction:column;min-height:0;height:100vh}
.conv-header{padding:10px 20px;border-bottom:1px solid #ddd;display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}
.conv-header h1{font-size:18px;font-weight:900;margin:0}
.conv-header p{margin:0;color:#616061;font-size:13px}
.history{flex:1;overflow-y:auto;display:flex;flex-direction:column-reverse}
.intro{padding:24px 20px 8px}
.intro h2{margin:0 0 4px;font-size:22px;font-weight:900}
.intro p{margin:0;color:#616061}
.messages{list-style:none;margin:0;padding:0 0 12px}
.day{position:relative;text-align:center;margin:16px 0 4px;font-size:13px;font-weight:700}
.day:before{content:"";position:absolute;left:0;right:0;top:50%;border-top:1px solid #ddd}
.day span{position:relative;background:#fff;border:1px solid #ddd;border-radius:24px;padding:2px 14px}
.msg{padding:8px 20px}
.msg:hover{background:#f8f8f8}
.msg.pinned{background:#fef9ed}
.msg.ephemeral{background:#f4f8fc}
.pin-note,.only-you{font-size:13px;color:#616061;margin:0 0 4px 48px}
.msg-row{display:flex;gap:10px}
.avatar{flex:none;width:36px;height:36px;border-radius:6px;color:#fff;font-weight:700;font-size:14px;display:flex;align-items:center;justify-content:center}
.avatar.small{width:20px;height:20px;border-radius:4px;font-size:11px}
${avatars}
.msg-body{min-width:0;flex:1}
.meta{display:flex;align-items:baseline;gap:6px}
.author{font-weight:900}
.app-tag{font-size:10px;font-weight:700;background:#e8e8e8;color:#555;border-radius:3px;padding:1px 3px}
time{font-size:12px;color:#616061}
.text,.b-text{overflow-wrap:anywhere}
.edited{font-size:13px;color:#616061}
.replies{margin-top:4px;font-size:13px;font-weight:700;color:#1264a3}
.mention{background:#e8f5fa;color:#12588a;border-radius:3px;padding:0 2px}
code{font:12px Monaco,Menlo,Consolas,"Courier New",monospace;color:#c01343;background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:2px 3px}
pre{font:12px/1.5 Monaco,Menlo,Consolas,"Courier New",monospace;background:#f8f8f8;border:1px solid #ddd;border-radius:4px;padding:8px;white-space:pre-wrap;margin:4px 0}
blockquote{margin:4px 0;padding-left:12px;border-left:4px solid #ddd}
.blocks>*+*{margin-top:8px}
.b-section{display:flex;gap:12px;align-items:flex-start}
.b-main{flex:1;min-width:0}
.b-fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:4px;max-width:600px}
.b-header{font-size:18px;font-weight:900}
.b-divider{border:0;border-top:1px solid #ddd;margin:8px 0}
.b-context{display:flex;flex-wrap:wrap;gap:8px;font-size:13px;color:#616061}
.b-actions{display:flex;flex-wrap:wrap;gap:8px}
.b-image,.b-unsupported{font-size:13px;color:#616061;font-style:italic}
.b-rich ul,.b-rich ol{margin:2px 0;padding-left:24px}
.btn-form{display:inline}
.btn{display:inline-block;font-family:inherit;font-size:15px;font-weight:700;height:36px;padding:0 12px;border-radius:4px;border:1px solid #bbb;background:#fff;color:#1d1c1d;cursor:pointer;line-height:34px;white-space:nowrap}
.btn:hover{background:#f8f8f8;text-decoration:none}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}
.btn.primary:hover{background:#148567}
.btn.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
.btn:disabled{opacity:.5;cursor:default}
.btn:focus-visible,.composer textarea:focus-visible,.convs a:focus-visible{outline:2px solid #1264a3;outline-offset:2px}
.emoji-dot{display:inline-block;width:.9em;height:.9em;border-radius:50%;vertical-align:-.1em}
.emoji-dot.red{background:#dd2e44}
.emoji-dot.yellow{background:#fdcb58}
.emoji-dot.green{background:#78b159}
.emoji-dot.blue{background:#55acee}
.reactions{list-style:none;display:flex;gap:4px;margin:4px 0 0;padding:0}
.reaction{font-size:12px;border:1px solid #ddd;border-radius:12px;padding:0 8px;background:#f8f8f8}
.notice{margin:0 20px 8px;padding:8px 12px;border-radius:6px;background:#fdecea;color:#8a1c0b;font-size:14px}
.composer{margin:0 20px 20px;border:1px solid #bbb;border-radius:8px;display:flex;align-items:flex-end;gap:8px;padding:8px}
.composer textarea{flex:1;border:0;resize:none;font:inherit;min-height:24px;padding:4px}
.composer .btn{height:32px;line-height:30px}
.composer-off{margin:0 20px 20px;padding:12px;border-radius:8px;background:#f8f8f8;color:#616061;text-align:center}
.page{padding:24px 32px;overflow-y:auto}
.page h1{font-size:24px;margin:0 0 16px}
.page table{border-collapse:collapse;width:100%;max-width:960px}
.page th,.page td{text-align:left;padding:8px 12px;border-bottom:1px solid #ddd;font-size:14px}
.page th{color:#616061;font-weight:700}
`;
