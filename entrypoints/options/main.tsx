import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsPage } from '../../components/options/OptionsPage';
import '../../components/styles.css';
import { t } from '../../utils/i18n';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsHeading');
createRoot(document.getElementById('root')!).render(<OptionsPage />);
