import dotenv from 'dotenv';

// Imported first by every command-line entry: `.env` in the working folder applies to the CLI as it
// does to the bot, so CORPUS_DIR set there is the folder `npm run corpus -- add` changes.
dotenv.config({ quiet: true });
