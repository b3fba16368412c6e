/**
 * The demo clouds in the desktop app (Help › Try the Demo Clouds and the
 * first-start button), the same two seeded servers `serve --demo` starts,
 * gone when Ferry quits. Their server is Ferry's own (app/demo/server/,
 * plain Node), so an installed Ferry offers them as a checkout does.
 */
export { demoSession as desktopDemo, type DemoSession as DesktopDemo } from '../app/demo/demo-session.js';
