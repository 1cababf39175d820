// Entry point of the SPA: the page's language first (its strings loaded), then the app shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n } from './i18n.ts';
import './styles.css';

const root = document.getElementById('root');
void initI18n().then(() => {
  if (root)
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
});
