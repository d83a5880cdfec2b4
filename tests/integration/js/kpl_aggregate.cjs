// Aggregates user records in the KPL's format with AWS's aggregation library
// (aws-kinesis-agg): reads [{partitionKey, data (base64), explicitHashKey?}]
// as JSON on stdin, prints the Kinesis records it made, as JSON, on stdout.
const { aggregate } = require("aws-kinesis-agg");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const records = JSON.parse(input).map((r) => ({
    partitionKey: r.partitionKey,
    explicitHashKey: r.explicitHashKey,
    data: Buffer.from(r.data, "base64"),
  }));
  const out = [];
  aggregate(
    records,
    (encoded, done) => {
      out.push({
        partitionKey: encoded.partitionKey,
        explicitHashKey: encoded.explicitHashKey,
        data: Buffer.from(encoded.data).toString("base64"),
      });
      done();
    },
    () => process.stdout.write(JSON.stringify(out)),
    (err) => {
      console.error(String(err));
      process.exit(1);
    },
  );
});
