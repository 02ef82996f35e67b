import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini (a third of classic zod's size) ships no messages; parse errors reach users, so load English.
config(en());

export * as z from 'zod/mini';
