/** The language layer's spelling help is the model's (the merge uses it too, and the model may not import Langium code). */
export { spellingDistance } from '../model/spelling.js';
