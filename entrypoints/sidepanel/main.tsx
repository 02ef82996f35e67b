import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { SidePanel } from '../../components/SidePanel';
import '../../components/styles.css';

document.documentElement.lang = browser.i18n.getUILanguage();
createRoot(document.getElementById('root')!).render(<SidePanel />);
