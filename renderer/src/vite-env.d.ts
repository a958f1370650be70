// Lets TypeScript accept Vite's asset imports (the stylesheets main.tsx pulls in).
/// <reference types="vite/client" />
