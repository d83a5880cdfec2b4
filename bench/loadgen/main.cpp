// kinesis_loadgen: a load generator for Kinesis endpoints (kinesisd, the npm
// emulators, AWS itself with a real signature proxy). Requests are built
// before the clock starts; connections are keep-alive; responses are checked
// for errors but not parsed in full. One JSON line per run on stdout.
//
//   kinesis_loadgen MODE [--endpoint http://127.0.0.1:4567] [--sign KEY:SECRET] [flags]
//   (--sign: every request carries a real SigV4 signature, for --auth sigv4)
//
// Modes:
//   put-record    --connections C (--requests N | --seconds T) --record-size B --shards S
//   put-records   --connections C (--requests N | --seconds T) --batch K --record-size B
//                 --shards S
//   get-records   --records N --limit L --record-size B  (loads one shard, then drains it)
//   mixed         --writers W --readers R --seconds T --batch K --record-size B --shards S
//   fill          --records N --window W --batch K --record-size B  (one shard; records/s per
//                 window as it grows: is an append's cost flat?)
//   memory        --records N --pid P --batch K --record-size B  (RSS growth per stored record)
//   startup       --runs N --port P -- COMMAND...  (spawn, time to the first served
//                 ListStreams, idle RSS; medians)
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http_connection.hpp"
#include "kinesis_requests.hpp"
#include "latency.hpp"

namespace asio = boost::asio;
using namespace kinesisd::bench;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  std::string mode;
  std::map<std::string, std::string> flags;
  std::vector<std::string> command;  // after --

  long num(const std::string& name, long fallback) const {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : std::stol(it->second);
  }
  std::string str(const std::string& name, const std::string& fallback) const {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : it->second;
  }
};

struct Target {
  std::string host;  // "127.0.0.1:4567" for the Host header
  asio::ip::tcp::endpoint endpoint;
};

Target parse_endpoint(const std::string& url) {
  std::string rest = url.rfind("http://", 0) == 0 ? url.substr(7) : url;
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("endpoint needs host:port");
  return {rest,
          {asio::ip::make_address(rest.substr(0, colon)),
           static_cast<unsigned short>(std::stoi(rest.substr(colon + 1)))}};
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

long rss_kib(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// Runs the coroutine to completion on a fresh io_context with `threads` threads.
template <class F>
void run(F&& make, unsigned threads = 1) {
  asio::io_context ioc;
  std::exception_ptr error;
  make(ioc, error);
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

// Runs one coroutine (an awaitable, or a function returning one) to
// completion on a fresh io_context; rethrows what it threw.
template <class F>
void run_one(F&& coroutine) {
  run([&](asio::io_context& ioc, std::exception_ptr& err) {
    asio::co_spawn(ioc, std::forward<F>(coroutine), [&](std::exception_ptr e) {
      if (e) err = e;
    });
  });
}

asio::awaitable<HttpResponse> call(HttpConnection& c, const Target& t, const char* op,
                                   const std::string& body) {
  co_return co_await c.round_trip(kinesis_request(t.host, op, body));
}

asio::awaitable<void> sleep_ms(int ms) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await timer.async_wait(asio::use_awaitable);
}

// Creates the stream and waits until it is ACTIVE.
asio::awaitable<void> create_stream(const Target& t, const std::string& name, long shards) {
  HttpConnection c(co_await asio::this_coro::executor, t.endpoint);
  auto res = co_await call(
      c, t, "CreateStream",
      "{\"StreamName\":\"" + name + "\",\"ShardCount\":" + std::to_string(shards) + "}");
  if (res.status != 200) throw std::runtime_error("CreateStream: " + std::string(res.body));
  for (int i = 0; i < 600; ++i) {
    res = co_await call(c, t, "DescribeStreamSummary", "{\"StreamName\":\"" + name + "\"}");
    if (res.body.find("\"ACTIVE\"") != std::string_view::npos) co_return;
    co_await sleep_ms(20);
  }
  throw std::runtime_error("stream never became ACTIVE");
}

// A DirectPut delivery stream to bucket "bench" (1 MiB buffer), ACTIVE.
asio::awaitable<void> create_delivery_stream(const Target& t, const std::string& name,
                                             long interval_s) {
  HttpConnection c(co_await asio::this_coro::executor, t.endpoint);
  auto res = co_await c.round_trip(kinesis_request(
      t.host, "CreateDeliveryStream",
      "{\"DeliveryStreamName\":\"" + name +
          "\",\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:"
          "role/bench\",\"BucketARN\":\"arn:aws:s3:::bench\",\"BufferingHints\":{\"SizeInMBs\":1,"
          "\"IntervalInSeconds\":" +
          std::to_string(interval_s) + "}}}",
      "Firehose_20150804"));
  if (res.status != 200) throw std::runtime_error("CreateDeliveryStream: " + std::string(res.body));
  for (int i = 0; i < 600; ++i) {
    res = co_await c.round_trip(kinesis_request(t.host, "DescribeDeliveryStream",
                                                "{\"DeliveryStreamName\":\"" + name + "\"}",
                                                "Firehose_20150804"));
    if (res.body.find("\"ACTIVE\"") != std::string_view::npos) co_return;
    co_await sleep_ms(20);
  }
  throw std::runtime_error("delivery stream never became ACTIVE");
}

std::string stream_name(const std::string& mode) {
  return "bench-" + mode + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(Clock::now().time_since_epoch().count() % 1000000);
}

struct Totals {
  long requests = 0;
  long records = 0;
  long errors = 0;
  Latency latency;
};

void print(const std::string& mode, const Args& a, Totals& t, double seconds,
           const std::string& extra = "") {
  std::printf(
      "{\"mode\":\"%s\",\"seconds\":%.3f,\"requests\":%ld,\"records\":%ld,\"errors\":%ld,"
      "\"requests_per_s\":%.1f,\"records_per_s\":%.1f,\"p50_us\":%.1f,\"p99_us\":%.1f,"
      "\"p999_us\":%.1f,\"connections\":%ld%s}\n",
      mode.c_str(), seconds, t.requests, t.records, t.errors, t.requests / seconds,
      t.records / seconds, t.latency.percentile(0.50), t.latency.percentile(0.99),
      t.latency.percentile(0.999), a.num("connections", a.num("writers", 1)), extra.c_str());
  std::fflush(stdout);
}

// put-record and put-records: C connections share N requests.
void put_mode(const Args& a, const Target& target, bool batch) {
  const long connections = a.num("connections", 1);
  const double seconds_limit = static_cast<double>(a.num("seconds", 0));
  const long requests = seconds_limit > 0 ? std::numeric_limits<long>::max()
                                          : a.num("requests", batch ? 2000 : 20000);
  const int count = batch ? static_cast<int>(a.num("batch", 500)) : 1;
  const int size = static_cast<int>(a.num("record-size", 100));
  const auto name = stream_name(a.mode);
  const bool firehose = a.mode == "firehose-put";
  if (firehose)
    run_one(create_delivery_stream(target, name, a.num("interval", 0)));
  else
    run_one(create_stream(target, name, a.num("shards", 4)));

  // Bodies first: a pool of distinct requests reused round-robin.
  const long distinct = std::min<long>(requests, batch ? 64 : 4096);
  auto time_left = [&](Clock::time_point start) {
    return seconds_limit <= 0 || seconds_since(start) < seconds_limit;
  };
  std::vector<std::string> pool;
  for (long i = 0; i < distinct; ++i)
    pool.push_back(
        firehose
            ? kinesis_request(target.host, "PutRecordBatch",
                              put_record_batch_body(name, count, size, static_cast<unsigned>(i)),
                              "Firehose_20150804")
            : kinesis_request(target.host, batch ? "PutRecords" : "PutRecord",
                              batch ? put_records_body(name, count, size, static_cast<unsigned>(i))
                                    : put_record_body(name, size, static_cast<unsigned>(i))));

  std::vector<Totals> per(connections);
  std::atomic<long> next{0};
  const auto started = Clock::now();
  run(
      [&](asio::io_context& ioc, std::exception_ptr& err) {
        for (long c = 0; c < connections; ++c)
          asio::co_spawn(
              ioc,
              [&, c]() -> asio::awaitable<void> {
                HttpConnection conn(co_await asio::this_coro::executor, target.endpoint);
                auto& t = per[c];
                t.latency.reserve(seconds_limit > 0 ? 1 << 16 : requests / connections + 1);
                for (long i; time_left(started) && (i = next.fetch_add(1)) < requests;) {
                  const auto t0 = Clock::now();
                  auto res = co_await conn.round_trip(pool[i % distinct]);
                  t.latency.add(micros(Clock::now() - t0));
                  ++t.requests;
                  const bool ok =
                      res.status == 200 &&
                      (firehose ? res.body.find("\"FailedPutCount\":0") != std::string::npos
                                : !batch || failed_record_count(res.body) == 0);
                  if (ok)
                    t.records += count;
                  else
                    ++t.errors;
                }
              },
              [&](std::exception_ptr e) {
                if (e) err = e;
              });
      },
      static_cast<unsigned>(a.num("threads", 1)));
  const double seconds = seconds_since(started);
  Totals all;
  for (auto& t : per) {
    all.requests += t.requests;
    all.records += t.records;
    all.errors += t.errors;
    all.latency.merge(t.latency);
  }
  print(a.mode, a, all, seconds);
}

// Loads `records` into a one-shard stream, then reads them all with GetRecords.
asio::awaitable<void> load(HttpConnection& c, const Target& t, const std::string& name,
                           long records, int batch, int size) {
  std::vector<std::string> pool;
  for (unsigned i = 0; i < 16; ++i)
    pool.push_back(kinesis_request(t.host, "PutRecords", put_records_body(name, batch, size, i)));
  for (long done = 0, i = 0; done < records; done += batch, ++i) {
    auto res = co_await c.round_trip(pool[i % pool.size()]);
    if (res.status != 200 || failed_record_count(res.body) != 0)
      throw std::runtime_error("load failed: " + std::string(res.body.substr(0, 300)));
  }
}

asio::awaitable<std::string> trim_horizon(HttpConnection& c, const Target& t,
                                          const std::string& name, const std::string& shard) {
  auto res = co_await call(c, t, "GetShardIterator",
                           "{\"StreamName\":\"" + name + "\",\"ShardId\":\"" + shard +
                               "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}");
  if (res.status != 200) throw std::runtime_error("GetShardIterator: " + std::string(res.body));
  co_return json_string_member(res.body, "ShardIterator");
}

void get_mode(const Args& a, const Target& target) {
  const long records = a.num("records", 1'000'000);
  const long limit = a.num("limit", 10000);
  const auto name = stream_name(a.mode);
  Totals t;
  double seconds = 0;
  run_one([&]() -> asio::awaitable<void> {
    co_await create_stream(target, name, 1);
    HttpConnection c(co_await asio::this_coro::executor, target.endpoint);
    co_await load(c, target, name, records, static_cast<int>(a.num("batch", 500)),
                  static_cast<int>(a.num("record-size", 100)));
    auto it = co_await trim_horizon(c, target, name, "shardId-000000000000");
    const std::string lim = std::to_string(limit);
    const auto started = Clock::now();
    while (t.records < records && !it.empty()) {
      const auto req = kinesis_request(target.host, "GetRecords",
                                       "{\"ShardIterator\":\"" + it + "\",\"Limit\":" + lim + "}");
      const auto t0 = Clock::now();
      auto res = co_await c.round_trip(req);
      t.latency.add(micros(Clock::now() - t0));
      ++t.requests;
      if (res.status != 200) {
        ++t.errors;
        break;
      }
      const size_t n = count_records(res.body);
      t.records += static_cast<long>(n);
      it = json_string_member(res.body, "NextShardIterator");
      if (n == 0) break;
    }
    seconds = seconds_since(started);
  });
  if (t.records < records) ++t.errors;
  print(a.mode, a, t, seconds, ",\"limit\":" + std::to_string(limit));
}

// Writers put batches while one reader per shard follows the tip.
void mixed_mode(const Args& a, const Target& target) {
  const long writers = a.num("writers", 2), shards = a.num("shards", 2);
  const double duration = static_cast<double>(a.num("seconds", 5));
  const int batch = static_cast<int>(a.num("batch", 500));
  const int size = static_cast<int>(a.num("record-size", 100));
  const auto name = stream_name(a.mode);
  run_one(create_stream(target, name, shards));
  std::vector<std::string> pool;
  for (unsigned i = 0; i < 32; ++i)
    pool.push_back(
        kinesis_request(target.host, "PutRecords", put_records_body(name, batch, size, i)));
  Totals writes, reads;
  std::atomic<bool> done{false};
  const auto started = Clock::now();
  run([&](asio::io_context& ioc, std::exception_ptr& err) {
    auto fail = [&](std::exception_ptr e) {
      if (e) err = e;
    };
    for (long w = 0; w < writers; ++w)
      asio::co_spawn(
          ioc,
          [&, w]() -> asio::awaitable<void> {
            HttpConnection c(co_await asio::this_coro::executor, target.endpoint);
            for (size_t i = static_cast<size_t>(w); seconds_since(started) < duration; ++i) {
              const auto t0 = Clock::now();
              auto res = co_await c.round_trip(pool[i % pool.size()]);
              writes.latency.add(micros(Clock::now() - t0));
              ++writes.requests;
              if (res.status == 200 && failed_record_count(res.body) == 0)
                writes.records += batch;
              else
                ++writes.errors;
            }
            done = true;
          },
          fail);
    for (long r = 0; r < std::max(a.num("readers", shards), 0L); ++r)
      asio::co_spawn(
          ioc,
          [&, r]() -> asio::awaitable<void> {
            HttpConnection c(co_await asio::this_coro::executor, target.endpoint);
            char shard[32];
            std::snprintf(shard, sizeof shard, "shardId-%012ld", r % shards);
            auto it = co_await trim_horizon(c, target, name, shard);
            while (!done || seconds_since(started) < duration) {
              const auto t0 = Clock::now();
              auto res = co_await call(c, target, "GetRecords",
                                       "{\"ShardIterator\":\"" + it + "\",\"Limit\":10000}");
              reads.latency.add(micros(Clock::now() - t0));
              ++reads.requests;
              if (res.status != 200) {
                ++reads.errors;
                co_await sleep_ms(50);
                continue;
              }
              const size_t n = count_records(res.body);
              reads.records += static_cast<long>(n);
              it = json_string_member(res.body, "NextShardIterator");
              if (n == 0) co_await sleep_ms(5);
            }
          },
          fail);
  });
  const double seconds = seconds_since(started);
  char extra[256];
  std::snprintf(extra, sizeof extra,
                ",\"read_records\":%ld,\"read_records_per_s\":%.1f,\"read_errors\":%ld,"
                "\"read_p50_us\":%.1f",
                reads.records, reads.records / seconds, reads.errors,
                reads.latency.percentile(0.5));
  print(a.mode, a, writes, seconds, extra);
}

// One shard grows to N records; records/s per window of W.
void fill_mode(const Args& a, const Target& target) {
  const long records = a.num("records", 10'000'000), window = a.num("window", 1'000'000);
  const int batch = static_cast<int>(a.num("batch", 500));
  const auto name = stream_name(a.mode);
  std::vector<double> rates;
  Totals t;
  double seconds = 0;
  run_one([&]() -> asio::awaitable<void> {
    co_await create_stream(target, name, 1);
    std::vector<std::string> pool;
    for (unsigned i = 0; i < 32; ++i)
      pool.push_back(kinesis_request(
          target.host, "PutRecords",
          put_records_body(name, batch, static_cast<int>(a.num("record-size", 100)), i)));
    HttpConnection c(co_await asio::this_coro::executor, target.endpoint);
    const auto started = Clock::now();
    auto window_start = started;
    long in_window = 0;
    for (size_t i = 0; t.records < records; ++i) {
      auto res = co_await c.round_trip(pool[i % pool.size()]);
      ++t.requests;
      if (res.status != 200 || failed_record_count(res.body) != 0) {
        ++t.errors;
        break;
      }
      t.records += batch;
      in_window += batch;
      if (in_window >= window) {
        rates.push_back(static_cast<double>(in_window) / seconds_since(window_start));
        window_start = Clock::now();
        in_window = 0;
      }
    }
    seconds = seconds_since(started);
  });
  std::ostringstream extra;
  extra << ",\"window\":" << window << ",\"window_records_per_s\":[";
  for (size_t i = 0; i < rates.size(); ++i) extra << (i ? "," : "") << static_cast<long>(rates[i]);
  extra << "]";
  if (!rates.empty()) {
    const double first = rates.front(), last = rates.back();
    extra << ",\"last_vs_first\":" << last / first;
  }
  print(a.mode, a, t, seconds, extra.str());
}

void memory_mode(const Args& a, const Target& target) {
  const pid_t pid = static_cast<pid_t>(a.num("pid", 0));
  if (pid <= 0) throw std::runtime_error("memory needs --pid of the server");
  const long records = a.num("records", 1'000'000);
  const auto name = stream_name(a.mode);
  const long before = rss_kib(pid);
  Totals t;
  run_one([&]() -> asio::awaitable<void> {
    co_await create_stream(target, name, 1);
    HttpConnection c(co_await asio::this_coro::executor, target.endpoint);
    co_await load(c, target, name, records, static_cast<int>(a.num("batch", 500)),
                  static_cast<int>(a.num("record-size", 100)));
    t.records = records;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const long after = rss_kib(pid);
  std::printf(
      "{\"mode\":\"memory\",\"records\":%ld,\"rss_before_kib\":%ld,\"rss_after_kib\":%ld,"
      "\"bytes_per_record\":%.1f}\n",
      records, before, after, (after - before) * 1024.0 / static_cast<double>(records));
}

pid_t spawn(const std::vector<std::string>& command) {
  std::vector<char*> argv;
  for (const auto& s : command) argv.push_back(const_cast<char*>(s.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + command[0]);
  return pid;
}

// Whether something accepts TCP connections at `endpoint`: one blocking
// connect(2) on loopback, refused at once while nothing listens. Cheap, so
// the probe's polling does not take the CPU the starting server needs.
bool accepts(const asio::ip::tcp::endpoint& endpoint) {
  const int fd = ::socket(endpoint.protocol().family(), SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const bool ok = ::connect(fd, endpoint.data(), static_cast<socklen_t>(endpoint.size())) == 0;
  ::close(fd);
  return ok;
}

// Spawn, wait until the port accepts connections (polling every 100 us with
// a bare connect), then ListStreams on fresh connections until one answers
// 200.
void startup_mode(const Args& a) {
  if (a.command.empty()) throw std::runtime_error("startup needs -- COMMAND...");
  const Target target =
      parse_endpoint(a.str("endpoint", "http://127.0.0.1:" + a.str("port", "4567")));
  const long runs = a.num("runs", 10);
  const auto request = kinesis_request(target.host, "ListStreams", "{}");
  Latency startup;
  std::vector<long> rss;
  for (long r = 0; r < runs; ++r) {
    const auto t0 = Clock::now();
    const pid_t pid = spawn(a.command);
    bool ok = false;
    while (!accepts(target.endpoint) && seconds_since(t0) < 30)
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    while (!ok && seconds_since(t0) < 30) {
      try {
        run_one([&]() -> asio::awaitable<void> {
          HttpConnection c(co_await asio::this_coro::executor, target.endpoint);
          ok = (co_await c.round_trip(request)).status == 200;
        });
      } catch (const std::exception&) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    }
    startup.add(micros(Clock::now() - t0) / 1000.0);
    std::this_thread::sleep_for(std::chrono::milliseconds(a.num("idle-ms", 1000)));
    rss.push_back(rss_kib(pid));
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!ok) throw std::runtime_error("server did not answer ListStreams within 30 s");
  }
  std::sort(rss.begin(), rss.end());
  std::printf(
      "{\"mode\":\"startup\",\"runs\":%ld,\"startup_ms_p50\":%.2f,\"startup_ms_max\":%.2f,"
      "\"idle_rss_kib_p50\":%ld}\n",
      runs, startup.percentile(0.5), startup.percentile(1.0), rss[rss.size() / 2]);
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  Args a;
  if (argc < 2 || std::string(argv[1]) == "--help") {
    std::fprintf(
        stderr,
        "usage: kinesis_loadgen MODE [--endpoint http://127.0.0.1:4567] [--flag value]...\n"
        "  put-record   --connections C (--requests N | --seconds T) --record-size B --shards S\n"
        "  put-records  --connections C (--requests N | --seconds T) --batch K --record-size B\n"
        "  firehose-put --connections C (--requests N | --seconds T) --batch K --record-size B\n"
        "               --interval S  (PutRecordBatch into a delivery stream to bucket bench; the\n"
        "               server needs --s3-dir)\n"
        "  get-records  --records N --limit L --record-size B\n"
        "  mixed        --writers W --readers R --seconds T --batch K --shards S\n"
        "  fill         --records N --window W --batch K\n"
        "  memory       --records N --pid P\n"
        "  startup      --runs N --port P [--idle-ms 1000] -- COMMAND...\n"
        "One JSON line per run on stdout.\n");
    return argc < 2 ? 2 : 0;
  }
  a.mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") {
      for (++i; i < argc; ++i) a.command.push_back(argv[i]);
      break;
    }
    if (arg.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::fprintf(stderr, "bad argument %s\n", arg.c_str());
      return 2;
    }
    a.flags[arg.substr(2)] = argv[++i];
  }
  try {
    if (const std::string sign = a.str("sign", ""); !sign.empty()) {
      const size_t colon = sign.find(':');
      if (colon == std::string::npos) throw std::runtime_error("--sign expects KEY:SECRET");
      sign_requests_with(sign.substr(0, colon), sign.substr(colon + 1));
    }
    if (a.mode == "startup") {
      startup_mode(a);
      return 0;
    }
    const Target target = parse_endpoint(a.str("endpoint", "http://127.0.0.1:4567"));
    if (a.mode == "put-record")
      put_mode(a, target, false);
    else if (a.mode == "firehose-put")
      put_mode(a, target, true);
    else if (a.mode == "put-records")
      put_mode(a, target, true);
    else if (a.mode == "get-records")
      get_mode(a, target);
    else if (a.mode == "mixed")
      mixed_mode(a, target);
    else if (a.mode == "fill")
      fill_mode(a, target);
    else if (a.mode == "memory")
      memory_mode(a, target);
    else {
      std::fprintf(stderr, "unknown mode %s\n", a.mode.c_str());
      return 2;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kinesis_loadgen %s: %s\n", a.mode.c_str(), e.what());
    return 1;
  }
  return 0;
}
