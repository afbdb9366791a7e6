// Grade pages of a locally served portal with the Mozilla HTTP Observatory's own tests and scoring.
//
// The published CLI only scans https://<host>/ on port 443; this calls the same package's
// retriever with a port and a path, then scores exactly as its scanner does (src/scanner/index.js).
// Usage: node scripts/observatory.mjs <package dir> <host> <https port> <http port> <path>...
import { pathToFileURL } from "node:url";

const [pkg, host, httpsPort, httpPort, ...paths] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(`${pkg}/src/${file}`).href);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS } = await load("constants.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");

let worst = Infinity;
for (const path of paths) {
  const requests = await retrieve(host, { httpsPort, httpPort, path });
  if (!requests.responses.auto) throw new Error(`${path}: the site seems to be down`);
  let withExtraCredit = 100;
  let uncurved = 100;
  const notes = [];
  for (const test of ALL_TESTS) {
    const result = test(requests);
    const modifier = getScoreModifier(result.result);
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    notes.push(`${result.constructor.name}: ${result.result} (${modifier >= 0 ? "+" : ""}${modifier})`);
  }
  const { grade, score } = getGradeForScore(
    uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved
  );
  worst = Math.min(worst, score);
  console.log(`${path}  HTTP ${requests.responses.auto.status}  grade ${grade}  score ${score}`);
  for (const note of notes) console.log(`    ${note}`);
}
process.exit(worst >= 125 ? 0 : 1);
