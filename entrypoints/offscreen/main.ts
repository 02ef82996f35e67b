import { serveDecoder } from '../../utils/decoder/host';

serveDecoder();
