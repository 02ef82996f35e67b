// npm run bench: prints figures; it asserts nothing. See README "Benchmarks".
import { sizes } from './sizes';
import { uploads } from './uploads';

const only = process.argv[2];
if (!only || only === 'sizes') sizes();
if (!only || only === 'uploads') await uploads();
