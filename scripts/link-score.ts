// Prints the linker's precision and recall against the answer key in test/linking/answer-key.
// npm run link-score (add --verbose for every wrong and missed link)
import { scoreTracker, TRACKERS } from '../test/linking/score.js';

const verbose = process.argv.includes('--verbose');
let [proposed, correct, keyItems, recalled] = [0, 0, 0, 0];
for (const { name, repository } of TRACKERS) {
  const score = await scoreTracker(name, repository);
  proposed += score.proposed;
  correct += score.correct;
  keyItems += score.keyLinkedItems;
  recalled += score.recalledItems;
  const precision = score.proposed ? (score.correct / score.proposed).toFixed(2) : '-';
  console.log(`${name}: ${score.items} items · ${score.proposed} links proposed, ${score.correct} right (precision ${precision}), ${score.neutral} acceptable · items recalled ${score.recalledItems}/${score.keyLinkedItems}`);
  if (verbose) {
    for (const wrong of score.wrong) console.log(`  wrong  ${wrong.item}: ${wrong.check}`);
    for (const missed of score.missed) console.log(`  missed ${missed.item}: ${missed.checks.join(', ')}`);
  }
}
console.log(`all: precision ${(correct / Math.max(proposed, 1)).toFixed(3)} (${correct}/${proposed}) · item recall ${(recalled / Math.max(keyItems, 1)).toFixed(3)} (${recalled}/${keyItems})`);
