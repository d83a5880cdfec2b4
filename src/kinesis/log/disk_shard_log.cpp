#include "kinesis/log/disk_shard_log.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "kinesis/log/shard.hpp"
#include "storage/database.hpp"

namespace kinesisd::log {

namespace fs = std::filesystem;

namespace {

std::string describe(const ShardLogId& id) {
  return "stream " + id.stream + " (" + id.region + ") " + shard_id_for(id.shard_index);
}

// The offsets of the frames of a chunk read back from its file; false when
// they do not all check out.
bool index_frames(ChunkData& data, uint32_t count) {
  data.offsets.clear();
  data.offsets.reserve(count);
  std::string_view rest(data.bytes);
  size_t at = 0;
  while (!rest.empty()) {
    storage::Frame frame;
    size_t size = 0;
    if (storage::decode_frame(rest, frame, size) != storage::FrameStatus::kOk) return false;
    data.offsets.push_back(static_cast<uint32_t>(at));
    at += size;
    rest.remove_prefix(size);
  }
  return data.offsets.size() == count;
}

}  // namespace

DiskShardLog::DiskShardLog(DiskLogSettings settings) : settings_(std::move(settings)) {
  std::error_code ec;
  fs::create_directories(settings_.directory, ec);
  if (ec) throw storage::Error(settings_.directory + ": " + ec.message());
  recover();
}

DiskShardLog::~DiskShardLog() {
  for (const auto& c : chunks_) settings_.cache->forget({this, c.first});
  if (settings_.sync)
    for (const auto& s : segments_) settings_.sync->retire(s.file->fd());
}

void DiskShardLog::recover() {
  std::vector<std::pair<uint64_t, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(settings_.directory)) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() != ".seg") continue;
    try {
      files.emplace_back(std::stoull(name.substr(0, name.size() - 4)), entry.path());
    } catch (const std::exception&) {
      recovery_.problems.push_back(name + ": not a segment name; left alone");
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& [first, path] : files) {
    std::string why;
    auto file = storage::SegmentFile::open(path.string(), &why);
    if (!file || file->header().first_position != first ||
        file->header().shard_index != settings_.id.shard_index) {
      if (why.empty()) why = "its header names another shard or position";
      recovery_.problems.push_back(path.filename().string() + ": " + why + "; set aside as .bad");
      fs::rename(path, path.string() + ".bad");
      continue;
    }
    if (first < end_) {  // overlaps what an earlier file holds: not ours to trust
      recovery_.problems.push_back(path.filename().string() +
                                   ": starts before the previous segment ends; set aside as .bad");
      fs::rename(path, path.string() + ".bad");
      continue;
    }
    Segment segment{std::move(file), first, 0};
    storage::SegmentFile* f = segment.file.get();
    const auto scan = f->scan([&](const storage::Frame& frame, uint64_t offset, size_t size) {
      if (chunks_.empty() || chunks_.back().file != f || chunks_.back().count >= kChunkRecords ||
          chunks_.back().bytes + size > kChunkBytes)
        start_chunk(f, offset, frame.position, frame.arrival_ms);
      auto& c = chunks_.back();
      ++c.count;
      c.bytes += size;
      c.last_arrival_ms = frame.arrival_ms;
      segment.last_arrival_ms = frame.arrival_ms;
    });
    segment.end_position = first + scan.frames;
    recovery_.records += scan.frames;
    if (!scan.problem.empty()) {
      const uint64_t cut = f->size() - scan.good_end;
      recovery_.dropped_bytes += cut;
      recovery_.problems.push_back(path.filename().string() + ": " + scan.problem + "; cut " +
                                   std::to_string(cut) + " bytes, records from position " +
                                   std::to_string(segment.end_position) + " of this file are lost");
      if (!f->truncate(scan.good_end))
        throw storage::Error(path.string() + ": cannot cut: " + std::strerror(errno));
    }
    if (!segments_.empty() && first > segments_.back().end_position)
      recovery_.problems.push_back("positions " + std::to_string(segments_.back().end_position) +
                                   " to " + std::to_string(first - 1) + " are missing");
    end_ = segment.end_position;
    if (!segment.empty()) last_arrival_ms_ = std::max(last_arrival_ms_, segment.last_arrival_ms);
    segments_.push_back(std::move(segment));
  }
  for (const auto& problem : recovery_.problems)
    spdlog::warn("{}: recovery: {}", describe(settings_.id), problem);
}

void DiskShardLog::start_chunk(storage::SegmentFile* file, uint64_t offset, uint64_t first,
                               int64_t arrival) {
  chunks_.push_back(Chunk{first, 0, file, offset, 0, arrival, arrival});
}

void DiskShardLog::seal() {
  if (!open_) return;
  open_->bytes.shrink_to_fit();
  settings_.cache->insert({this, chunks_.back().first}, std::move(open_));
  open_.reset();
}

void DiskShardLog::roll() {
  seal();
  const auto path = fs::path(settings_.directory) / storage::segment_name(end_);
  auto file = storage::SegmentFile::create(
      path.string(), {settings_.id.shard_index, settings_.id.stream_id, end_});
  segments_.push_back(Segment{std::move(file), end_, last_arrival_ms_});
}

AppendStatus DiskShardLog::append(int64_t arrival_ms, std::span<const NewRecord> records) {
  if (records.empty()) return AppendStatus::kOk;
  scratch_.clear();
  for (size_t i = 0; i < records.size(); ++i)
    storage::encode_frame(scratch_, {end_ + i, arrival_ms, records[i].encrypted,
                                     records[i].partition_key, records[i].data});
  try {
    if (segments_.empty() ||
        (segments_.back().file->size() >= settings_.segment_bytes && !segments_.back().empty()))
      roll();
  } catch (const storage::Error& e) {
    spdlog::error("{}: {}", describe(settings_.id), e.what());
    return AppendStatus::kFailed;
  }
  Segment& segment = segments_.back();
  storage::SegmentFile* file = segment.file.get();
  const uint64_t at = file->size();
  if (!file->append(scratch_)) {
    spdlog::error("{}: cannot write {}: {}", describe(settings_.id), file->path(),
                  std::strerror(errno));
    return AppendStatus::kFailed;
  }
  if (settings_.sync) sync_generation_ = settings_.sync->dirty(file->fd());

  // Index the frames, in chunks of kChunkRecords or kChunkBytes.
  size_t offset = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    const size_t size =
        storage::frame_size(records[i].partition_key.size(), records[i].data.size());
    if (!open_ || chunks_.back().count >= kChunkRecords ||
        chunks_.back().bytes + size > kChunkBytes) {
      seal();
      start_chunk(file, at + offset, end_ + i, arrival_ms);
      open_ = std::make_shared<ChunkData>();
      open_->bytes.reserve(kChunkBytes);
    }
    Chunk& c = chunks_.back();
    open_->offsets.push_back(static_cast<uint32_t>(open_->bytes.size()));
    open_->bytes.append(scratch_, offset, size);
    ++c.count;
    c.bytes += size;
    c.last_arrival_ms = arrival_ms;
    offset += size;
  }
  end_ += records.size();
  segment.end_position = end_;
  segment.last_arrival_ms = arrival_ms;
  last_arrival_ms_ = arrival_ms;
  return AppendStatus::kOk;
}

uint64_t DiskShardLog::begin() const { return chunks_.empty() ? end_ : chunks_.front().first; }

size_t DiskShardLog::chunk_after(uint64_t position) const {
  auto it = std::partition_point(chunks_.begin(), chunks_.end(),
                                 [position](const Chunk& c) { return c.end() <= position; });
  return static_cast<size_t>(it - chunks_.begin());
}

std::shared_ptr<const ChunkData> DiskShardLog::data_of(size_t index) const {
  const Chunk& c = chunks_[index];
  if (open_ && index + 1 == chunks_.size()) return open_;
  if (auto cached = settings_.cache->get({this, c.first})) return cached;
  auto data = std::make_shared<ChunkData>();
  if (!c.file->read(c.offset, static_cast<size_t>(c.bytes), data->bytes) ||
      !index_frames(*data, c.count)) {
    spdlog::error("{}: {} does not read back as written at offset {} ({} bytes)",
                  describe(settings_.id), c.file->path(), c.offset, c.bytes);
    return nullptr;
  }
  settings_.cache->insert({this, c.first}, data);
  return data;
}

uint64_t DiskShardLog::lower_bound_time(int64_t ms) const {
  auto it = std::partition_point(chunks_.begin(), chunks_.end(),
                                 [ms](const Chunk& c) { return c.last_arrival_ms < ms; });
  if (it == chunks_.end()) return end_;
  const size_t index = static_cast<size_t>(it - chunks_.begin());
  const auto data = data_of(index);
  if (!data) return it->first;
  for (uint32_t i = 0; i < it->count; ++i)
    if (storage::frame_at(data->bytes.data() + data->offsets[i]).arrival_ms >= ms)
      return it->first + i;
  return it->end();
}

int64_t DiskShardLog::arrival_ms(uint64_t position) const {
  const size_t index = chunk_after(position);
  if (index == chunks_.size()) return last_arrival_ms_;
  const Chunk& c = chunks_[index];
  if (position < c.first) return c.first_arrival_ms;  // a lost stretch: the next record's
  const auto data = data_of(index);
  if (!data) return c.first_arrival_ms;
  return storage::frame_at(data->bytes.data() + data->offsets[position - c.first]).arrival_ms;
}

uint64_t DiskShardLog::read(uint64_t from, uint64_t limit, uint64_t max_bytes,
                            const std::function<bool(const RecordView&)>& visit) const {
  uint64_t pos = std::max(from, begin());
  uint64_t bytes = 0, count = 0;
  for (size_t index = chunk_after(pos); index < chunks_.size() && count < limit; ++index) {
    const Chunk& c = chunks_[index];
    pos = std::max(pos, c.first);  // over a lost stretch
    const auto data = data_of(index);
    if (!data) return pos;  // unreadable: logged; the reader retries later
    for (uint64_t i = pos - c.first; i < c.count && count < limit; ++i) {
      const auto f = storage::frame_at(data->bytes.data() + data->offsets[i]);
      const uint64_t size = f.partition_key.size() + f.data.size();
      if (count > 0 && bytes + size > max_bytes) return pos;
      if (!visit(RecordView{pos, f.arrival_ms, f.partition_key, f.data, f.encrypted})) return pos;
      bytes += size;
      ++count;
      ++pos;
    }
  }
  return pos;
}

void DiskShardLog::drop_front_segment() {
  Segment& s = segments_.front();
  while (!chunks_.empty() && chunks_.front().file == s.file.get()) {
    if (open_ && chunks_.size() == 1) open_.reset();
    settings_.cache->forget({this, chunks_.front().first});
    chunks_.pop_front();
  }
  if (settings_.sync) settings_.sync->retire(s.file->fd());
  s.file->remove();
  segments_.pop_front();
}

void DiskShardLog::trim_before(int64_t ms) {
  // Whole segments whose newest record is older; the newest segment goes too
  // once all of it is (the next append starts another at end()).
  while (!segments_.empty()) {
    const Segment& front = segments_.front();
    const bool expired = front.empty() ? segments_.size() > 1 : front.last_arrival_ms < ms;
    if (!expired) break;
    if (segments_.size() == 1) seal();
    drop_front_segment();
  }
}

uint64_t DiskShardLog::memory_bytes() const {
  return (open_ ? open_->footprint() : 0) + chunks_.size() * sizeof(Chunk) +
         segments_.size() * sizeof(Segment) + scratch_.capacity();
}

}  // namespace kinesisd::log
