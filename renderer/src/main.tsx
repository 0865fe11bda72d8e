/** The dashboard's entry: connect to the engine (preload or HTTP), then render the app. */
import './zod-setup';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect';
import { App } from './app';
import { ServicesProvider } from './ui/services';
import { ToastProvider } from './ui/toasts';

const connection = connect();
window.addEventListener('pagehide', (e) => { if (!e.persisted) connection.close(); });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesProvider api={connection.api} desktop={connection.desktop} hub={connection.hub}>
      <ToastProvider>
        <App />
      </ToastProvider>
    </ServicesProvider>
  </StrictMode>,
);
