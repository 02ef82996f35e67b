import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { SidePanel } from '../../components/SidePanel';
import { db } from '../../utils/db';
import '../../components/styles.css';

// Open the database while React renders the shell, so the first queries need not wait for it.
void db.open().catch(() => undefined);

document.documentElement.lang = browser.i18n.getUILanguage();
createRoot(document.getElementById('root')!).render(<SidePanel />);
