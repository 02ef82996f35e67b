import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { SidePanel } from '../../components/panel/SidePanel';
import { warmDateFormat } from '../../components/panel/HistoryRow';
import { db } from '../../utils/store/db';
import { loadMarkdown } from '../../components/views/Markdown';
import { firstListShown } from '../../components/panel/first-list';
import { mark } from '../../utils/marks';
import '../../components/styles.css';

// Open the database while React renders the shell, so the first queries need not wait for it.
mark('panel-script');
void db.open().then(() => mark('db-open'), () => undefined);

document.documentElement.lang = browser.i18n.getUILanguage();
createRoot(document.getElementById('root')!).render(<SidePanel />);
// First uses of the date formatter and the Markdown parser are slow. The history rows need the
// formatter, so it loads in the next task, while the database opens (an idle callback could come
// after the rows); the parser waits until the rows are shown, then for idle time.
setTimeout(() => (warmDateFormat(), mark('warm-date')));
const idle = (f: () => void) => (globalThis.requestIdleCallback ?? setTimeout)(f);
void Promise.race([firstListShown, new Promise((r) => setTimeout(r, 1000))]).then(() => idle(() => void loadMarkdown().then(() => mark('warm-markdown'))));
