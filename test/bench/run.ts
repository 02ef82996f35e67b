// npm run bench: prints figures; it asserts nothing. See README "Benchmarks".
import './fake-chrome';
import { sizes } from './sizes';
import { uploads } from './uploads';
import { panel } from './panel';
import { audit } from './audit';
import { labels } from './labels';
import { tiling } from './tiling';
import { tokens } from './tokens';
import { coldConnection } from './cold-connection';

const only = process.argv[2];
if (!only || only === 'sizes') sizes();
if (!only || only === 'uploads') await uploads();
if (!only || only === 'uploads' || only === 'cold') await coldConnection();
if (!only || only === 'panel') await panel();
if (!only || only === 'audit') await audit();
if (!only || only === 'labels') await labels();
if (!only || only === 'tiling') await tiling();
if (!only || only === 'tokens') await tokens();
