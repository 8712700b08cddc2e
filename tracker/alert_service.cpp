#include "tracker/alert_service.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <memory>

#include "storage/key_codec.hpp"
#include "storage/wait_for.hpp"
#include "tracker/alert_index.hpp"
#include "tracker/alert_records.hpp"
#include "tracker/digest.hpp"
#include "tracker/merge_patch.hpp"
#include "tracker/validation.hpp"
#include "tracker/webhook_outbox.hpp"
#include "tracker/workflow.hpp"

namespace soj::tracker {
namespace json = boost::json;
using storage::Family;

namespace {

constexpr std::size_t kMaxReasonChars = 2000;
constexpr std::size_t kMaxNoteChars = 20000;

// The caller lacks the right: 401 for the public (a token would help), 403 otherwise.
Error Denied(const Principal& who, std::string message) {
  if (who.role == Role::kPublic) return Error::Unauthenticated("this action needs a token");
  return Error::Forbidden(std::move(message));
}

Error NoSuchAlert(AlertId id) { return Error::NotFound("there is no alert " + std::to_string(id)); }

std::string IdempotencyKey(const Principal& who, std::string_view key) {
  std::string out = who.Actor();
  out.push_back('\0');
  out += key;
  return out;
}

std::string Fingerprint(const AlertContent& content) {
  return Sha256Hex(json::serialize(ContentToJson(content)));
}

std::string StatusList(const std::vector<AlertStatus>& statuses) {
  if (statuses.empty()) return "nowhere: it is final";
  std::string out;
  for (AlertStatus s : statuses) {
    if (!out.empty()) out += ", ";
    out += ToString(s);
  }
  return out;
}

}  // namespace

AlertView ViewFor(const Principal& who, const Alert& alert) {
  return AlertView{.reveal_withheld = who.CanSeeWithheld(alert), .internal = who.IsEditor()};
}

AlertService::AlertService(storage::Store& store, const Clock& clock,
                           const PartnerDirectory& partners, const SearchIndex* search,
                           const WebhookOutbox* outbox)
    : store_(store), clock_(clock), partners_(partners), search_(search), outbox_(outbox) {}

std::optional<Error> AlertService::Record(storage::Transaction& txn, Event& event,
                                          const Alert& alert) const {
  AppendEvent(txn, event);
  if (outbox_ == nullptr) return std::nullopt;
  return outbox_->Record(txn, event, alert);
}

void AlertService::CheckContent(const AlertContent& content, FieldErrors& errors) const {
  ValidateContent(content, ValidationContext{clock_.Today(), &partners_}, errors);
}

void AlertService::CheckSubmission(const Principal& who, const AlertContent& content,
                                   FieldErrors& errors) const {
  if (!who.IsEditor()) CheckPersonLinksKept({}, content.victims, errors);
  CheckContent(content, errors);
}

Result<Alert> AlertService::Commit(Mutation mutation) {
  return storage::WaitFor<Result<Alert>>(
      [&](auto done) { CommitQueued(std::move(mutation), std::move(done)); });
}

void AlertService::CommitQueued(Mutation mutation, std::function<void(Result<Alert>)> done) {
  struct Pending {
    Mutation mutation;
    std::optional<Error> failure;
    Alert result;
  };
  auto pending = std::make_shared<Pending>(Pending{std::move(mutation), std::nullopt, Alert{}});
  store_.WriteQueued(
      [pending](storage::Transaction& txn) {
        Result<Alert> outcome = pending->mutation(txn);
        if (!outcome) {
          pending->failure = outcome.error();
          return storage::Status::Aborted(pending->failure->message);
        }
        pending->result = std::move(*outcome);
        return storage::Status::Ok();
      },
      [pending, done = std::move(done)](const storage::Status& s) {
        if (pending->failure) return done(*pending->failure);
        if (!s.ok()) return done(FromStorage(s));
        done(std::move(pending->result));
      });
}

Result<Alert> AlertService::LoadForWrite(storage::Transaction& txn, const Principal& who,
                                         AlertId id) const {
  auto loaded = LoadAlert(txn, id);
  if (!loaded) return loaded.error();
  if (!*loaded || !who.CanSee(**loaded)) return NoSuchAlert(id);
  if ((*loaded)->merged_into)
    return Error::Conflict("alert " + std::to_string(id) + " was merged into alert " +
                           std::to_string(*(*loaded)->merged_into) + "; change that one");
  return std::move(**loaded);
}

Event AlertService::MakeEvent(const Principal& who, const Alert& alert, EventKind kind,
                              json::object detail) const {
  Event event;
  event.alert_id = alert.id;
  event.at = alert.updated_at;
  event.actor = EventActor(who);
  event.kind = kind;
  event.status = alert.status;
  event.version = alert.version;
  event.detail = std::move(detail);
  return event;
}

void AlertService::Touch(Alert& alert) const {
  alert.version += 1;
  alert.updated_at = clock_.Now();
}

Result<SubmitOutcome> AlertService::Submit(const Principal& who, AlertContent content,
                                           const std::optional<std::string>& idempotency_key) {
  return storage::WaitFor<Result<SubmitOutcome>>(
      [&](auto done) { SubmitQueued(who, std::move(content), idempotency_key, std::move(done)); });
}

void AlertService::SubmitQueued(const Principal& who, AlertContent content,
                                const std::optional<std::string>& idempotency_key,
                                SubmitDone done) {
  if (who.role != Role::kPartner && !who.IsEditor())
    return done(Denied(who, "only partner organisations and editors submit alerts"));
  if (who.role == Role::kPartner && !content.HasPartner(who.partner))
    content.partners.insert(content.partners.begin(), who.partner);

  FieldErrors errors;
  CheckSubmission(who, content, errors);
  if (idempotency_key && (idempotency_key->empty() || idempotency_key->size() > 200))
    errors.Add("Idempotency-Key", "must be 1 to 200 characters");
  if (!errors.empty()) return done(Error::Invalid(errors.Take()));

  // What the write needs, owned by it: it runs later, on the writer thread.
  struct Submission {
    Principal who;
    AlertContent content;
    std::optional<std::string> idempotency_key;
    std::string submitter;
    std::string fingerprint;
    bool created = false;
  };
  // Only a keyed submission is compared with an earlier one.
  std::string fingerprint = idempotency_key ? Fingerprint(content) : std::string();
  auto submission = std::make_shared<Submission>(Submission{
      .who = who,
      .content = std::move(content),
      .idempotency_key = idempotency_key,
      .submitter = who.Actor(),
      .fingerprint = std::move(fingerprint),
      .created = false,
  });
  auto mutation = [this, submission](storage::Transaction& txn) -> Result<Alert> {
    const Submission& s = *submission;
    std::optional<AlertId> existing;
    if (s.content.external_ref) {
      auto hit = txn.Get(Family::kIndex, ExternalRefKey(s.submitter, *s.content.external_ref));
      if (!hit) return FromStorage(hit.error());
      if (*hit) {
        std::string_view raw = **hit;
        existing = storage::ConsumeUint64(&raw);
      }
    }
    if (!existing && s.idempotency_key) {
      auto hit = txn.Get(Family::kIdempotency, IdempotencyKey(s.who, *s.idempotency_key));
      if (!hit) return FromStorage(hit.error());
      if (*hit) {
        std::string_view raw = **hit;
        existing = storage::ConsumeUint64(&raw);
        if (raw != s.fingerprint)
          return Error::InvalidField("Idempotency-Key",
                                     "was already used for a different alert; use a new key");
      }
    }
    if (existing) {
      auto alert = LoadAlert(txn, *existing);
      if (!alert) return alert.error();
      if (!*alert) return Error::Internal("a reference points to missing alert");
      if ((*alert)->merged_into) {
        auto target = LoadAlert(txn, *(*alert)->merged_into);
        if (!target) return target.error();
        if (*target) return std::move(**target);
      }
      return std::move(**alert);
    }

    Alert alert;
    alert.id = txn.NextAlertId();
    alert.content = std::move(submission->content);  // the write runs once
    alert.status = AlertStatus::kDraft;
    alert.submitted_at = clock_.Now();
    alert.updated_at = alert.submitted_at;
    alert.version = 1;
    alert.submitted_by = s.submitter;
    SaveAlert(txn, nullptr, alert);
    Event event = MakeEvent(s.who, alert, EventKind::kCreated, {});
    AppendEvent(txn, event);
    if (s.idempotency_key) {
      std::string record = storage::EncodeUint64(alert.id) + s.fingerprint;
      txn.Put(Family::kIdempotency, IdempotencyKey(s.who, *s.idempotency_key), record);
    }
    submission->created = true;
    return alert;
  };
  CommitQueued(std::move(mutation), [submission, done = std::move(done)](Result<Alert> result) {
    if (!result) return done(result.error());
    done(SubmitOutcome{std::move(*result), submission->created});
  });
}

Result<Alert> AlertService::Edit(const Principal& who, AlertId id, uint64_t expected_version,
                                 const json::value& patch) {
  if (!patch.is_object())
    return Error::BadRequest("a merge patch must be a JSON object of the fields to change");
  return Commit([&](storage::Transaction& txn) -> Result<Alert> {
    auto loaded = LoadForWrite(txn, who, id);
    if (!loaded) return loaded.error();
    Alert before = std::move(*loaded);
    if (!who.IsEditor()) {
      if (!who.OwnsAlert(before)) return Denied(who, "only the alert's partners and editors edit");
      if (before.status != AlertStatus::kDraft)
        return Error::Forbidden("partners edit only drafts; ask the secretariat to change a " +
                                std::string(ToString(before.status)) + " alert");
    }
    if (before.version != expected_version)
      return Error::PreconditionFailed("the alert is at version " + std::to_string(before.version) +
                                       ", not " + std::to_string(expected_version) + "; reload it");

    const json::object base = ContentToJson(before.content);
    json::value patched = ApplyMergePatch(base, patch);
    FieldErrors errors;
    AlertContent content = ParseAlertContent(patched, errors);
    if (content.external_ref != before.content.external_ref && !errors.Has("external_ref"))
      errors.Add("external_ref", "cannot be changed after submission");
    if (!who.IsEditor()) {
      const bool hides_some =
          !who.CanSeeWithheld(before) &&
          std::any_of(before.content.victims.begin(), before.content.victims.end(),
                      [](const Victim& v) { return v.withheld; });
      // Sending `victims` would erase a name it cannot see, or learn it (a patch that guesses
      // it right changes nothing and keeps the version); adding a partner would hand the
      // names to another. So either field is refused outright.
      for (std::string_view field : {"victims", "partners"})
        if (hides_some && patch.as_object().contains(field))
          errors.Add(std::string(field),
                     "cannot be changed by a partner that may not see this alert's withheld "
                     "victims; ask the secretariat");
      if (!hides_some) CheckPersonLinksKept(before.content.victims, content.victims, errors);
    }
    if (before.submitted_by.starts_with("partner:")) {
      std::string submitter = before.submitted_by.substr(8);
      if (!content.HasPartner(submitter))
        errors.Add("partners", "must include the submitting partner " + submitter);
    }
    CheckContent(content, errors);
    if (!errors.empty()) return Error::Invalid(errors.Take());
    if (content == before.content) return before;  // nothing changed: no new version

    Alert after = before;
    after.content = std::move(content);
    // A partner taken off the alert is no longer one that came with a merge; added again
    // later by an edit, it is a partner like any other.
    std::erase_if(after.merged_partners,
                  [&after](const std::string& p) { return !after.content.HasPartner(p); });
    const json::object changed = ContentToJson(after.content);
    json::array fields;
    json::object previous;
    for (const auto& [key, value] : base) {
      const json::value* now = changed.if_contains(key);
      if (now == nullptr || *now != value) {
        fields.emplace_back(key);
        previous[key] = value;
      }
    }
    for (const auto& [key, value] : changed)
      if (!base.contains(key)) fields.emplace_back(key);
    Touch(after);
    SaveAlert(txn, &before, after);
    Event event = MakeEvent(who, after, EventKind::kEdited,
                            {{"fields", std::move(fields)}, {"before", std::move(previous)}});
    if (auto failed = Record(txn, event, after)) return *failed;
    return after;
  });
}

Result<Alert> AlertService::Transition(const Principal& who, AlertId id,
                                       const TransitionRequest& request) {
  return Commit([&](storage::Transaction& txn) -> Result<Alert> {
    auto loaded = LoadForWrite(txn, who, id);
    if (!loaded) return loaded.error();
    Alert before = std::move(*loaded);
    if (!MayTransition(who, before, request.to))
      return Denied(who, who.role == Role::kPartner
                             ? "partners may only withdraw their own drafts"
                             : "only editors move alerts through the workflow");
    if (!IsAllowedTransition(before.status, request.to))
      return Error::Conflict("an alert cannot go from " + std::string(ToString(before.status)) +
                             " to " + std::string(ToString(request.to)) + "; from " +
                             std::string(ToString(before.status)) + " it can go to " +
                             StatusList(NextStatuses(before.status)));

    FieldErrors errors;
    const bool resolving = request.to == AlertStatus::kResolved;
    std::string reason = CleanText(request.reason, "reason", kMaxReasonChars, !resolving, errors);
    const Date today = clock_.Today();
    const Date date = request.date.value_or(today);
    if (request.date && !resolving) errors.Add("date", "is only taken when resolving");
    if (date > today) errors.Add("date", "must not be after today (" + today.ToString() + ")");
    if (!errors.empty()) return Error::Invalid(errors.Take());

    Alert after = before;
    after.status = request.to;
    json::object detail{{"from", ToString(before.status)}, {"to", ToString(request.to)}};
    if (!reason.empty()) detail["reason"] = reason;
    if (resolving) {
      after.resolution = Resolution{date, reason};
      detail["date"] = date.ToString();
    } else if (request.to == AlertStatus::kPublished) {
      after.resolution.reset();  // reopening clears the resolution
      if (!after.published_at) after.published_at = clock_.Now();
    }
    Touch(after);
    SaveAlert(txn, &before, after);
    Event event = MakeEvent(who, after, EventKind::kTransitioned, std::move(detail));
    if (auto failed = Record(txn, event, after)) return *failed;
    return after;
  });
}

Result<Alert> AlertService::AddStateReply(const Principal& who, AlertId id,
                                          const NoteRequest& request) {
  return AddNote(who, id, request, /*state_reply=*/true);
}

Result<Alert> AlertService::AddUpdate(const Principal& who, AlertId id,
                                      const NoteRequest& request) {
  return AddNote(who, id, request, /*state_reply=*/false);
}

Result<Alert> AlertService::AddNote(const Principal& who, AlertId id, const NoteRequest& request,
                                    bool state_reply) {
  return Commit([&](storage::Transaction& txn) -> Result<Alert> {
    auto loaded = LoadForWrite(txn, who, id);
    if (!loaded) return loaded.error();
    Alert before = std::move(*loaded);
    if (state_reply) {
      const bool own_state = who.role == Role::kState && who.country == before.content.country;
      if (!who.IsEditor() && !own_state)
        return Denied(who, who.role == Role::kState
                               ? "a state correspondent replies only on alerts about its country"
                               : "only state correspondents and editors post state replies");
      if (!before.IsPublic())
        return Error::Conflict("state replies are posted on published alerts; this one is " +
                               std::string(ToString(before.status)));
    } else {
      if (!who.IsEditor() && !who.OwnsAlert(before))
        return Denied(who, "only the alert's partners and editors add follow-ups");
      if (before.status == AlertStatus::kRejected || before.status == AlertStatus::kWithdrawn)
        return Error::Conflict("a " + std::string(ToString(before.status)) +
                               " alert takes no follow-ups");
    }

    FieldErrors errors;
    std::string text = CleanText(request.text, "text", kMaxNoteChars, false, errors);
    const Date today = clock_.Today();
    const Date date = request.date.value_or(today);
    if (date > today) errors.Add("date", "must not be after today (" + today.ToString() + ")");
    // A state replies to a published alert: a reply dated earlier would give the reply
    // statistics a negative delay.
    if (state_reply && before.published_at && date < before.published_at->date())
      errors.Add("date", "must not be before the alert's publication (" +
                             before.published_at->date().ToString() + ")");
    std::vector<Note>& notes = state_reply ? before.state_replies : before.updates;
    if (notes.size() >= kMaxNotes)
      errors.Add(state_reply ? "state_replies" : "updates",
                 "has reached its limit of " + std::to_string(kMaxNotes));
    if (!errors.empty()) return Error::Invalid(errors.Take());

    Alert after = before;
    std::vector<Note>& target = state_reply ? after.state_replies : after.updates;
    const uint32_t note_id = target.empty() ? 1 : target.back().id + 1;
    target.push_back(Note{note_id, date, std::move(text), who.Actor()});
    Touch(after);
    SaveAlert(txn, &before, after);
    Event event =
        MakeEvent(who, after, state_reply ? EventKind::kReplyAdded : EventKind::kUpdateAdded,
                  {{state_reply ? "reply_id" : "update_id", note_id}});
    if (auto failed = Record(txn, event, after)) return *failed;
    return after;
  });
}

Result<Alert> AlertService::Merge(const Principal& who, AlertId id, AlertId into) {
  if (!who.IsEditor()) return Denied(who, "only editors merge alerts");
  if (id == into) return Error::InvalidField("into", "an alert cannot be merged into itself");
  return Commit([&](storage::Transaction& txn) -> Result<Alert> {
    auto source = LoadForWrite(txn, who, id);
    if (!source) return source.error();
    auto target_loaded = LoadAlert(txn, into);
    if (!target_loaded) return target_loaded.error();
    if (!*target_loaded)
      return Error::InvalidField("into", "there is no alert " + std::to_string(into));
    Alert target = std::move(**target_loaded);
    if (target.merged_into)
      return Error::Conflict("alert " + std::to_string(into) + " was itself merged into " +
                             std::to_string(*target.merged_into) + "; merge into that one");
    // Readers of the merged alert follow the pointer: it must lead somewhere they can read.
    if (target.status == AlertStatus::kRejected || target.status == AlertStatus::kWithdrawn ||
        (source->IsPublic() && !target.IsPublic()))
      return Error::Conflict("alert " + std::to_string(into) + " is " +
                             std::string(ToString(target.status)) +
                             "; merge into a published alert (or publish it first)");

    Alert pointer = *source;
    pointer.merged_into = into;
    Touch(pointer);
    SaveAlert(txn, &*source, pointer);
    Event gone = MakeEvent(who, pointer, EventKind::kMergedInto, {{"into", into}});
    AppendEvent(txn, gone);

    Alert merged = target;
    for (const std::string& partner : pointer.content.partners) {
      if (merged.content.HasPartner(partner)) continue;
      merged.content.partners.push_back(partner);
      merged.merged_partners.push_back(partner);  // credited, not told the withheld names
    }
    for (const std::string& url : pointer.content.sources)
      if (merged.content.sources.size() < kMaxSources &&
          std::find(merged.content.sources.begin(), merged.content.sources.end(), url) ==
              merged.content.sources.end())
        merged.content.sources.push_back(url);
    Touch(merged);
    SaveAlert(txn, &target, merged);
    Event absorbed = MakeEvent(who, merged, EventKind::kMergedFrom, {{"from", id}});
    if (auto failed = Record(txn, absorbed, merged)) return *failed;
    return merged;
  });
}

Result<Alert> AlertService::Get(const Principal& who, AlertId id) const {
  auto loaded = LoadAlert(store_, id);
  if (!loaded) return loaded.error();
  if (!*loaded || !who.CanSee(**loaded)) return NoSuchAlert(id);
  if ((*loaded)->merged_into) return Error::Moved(*(*loaded)->merged_into);
  return std::move(**loaded);
}

Result<AlertPage> AlertService::List(const Principal& who, const ListRequest& request) const {
  return ListAlerts(store_, who, request, search_);
}

Result<std::vector<json::object>> AlertService::History(const Principal& who, AlertId id) const {
  auto loaded = LoadAlert(store_, id);
  if (!loaded) return loaded.error();
  if (!*loaded || !who.CanSee(**loaded)) return NoSuchAlert(id);
  auto events = LoadAlertEvents(store_, id);
  if (!events) return events.error();
  std::vector<json::object> out;
  for (const Event& event : *events) {
    if (who.IsEditor()) {
      out.push_back(EventToJson(event));
    } else if (who.role == Role::kAdmin) {
      // Admins audit every event, but an edit's "before" values may hold withheld names,
      // which only editors and the alert's partners may read.
      json::object audit = EventToJson(event);
      audit["detail"].as_object().erase("before");
      out.push_back(std::move(audit));
    } else if (auto part = PublicEventJson(event)) {
      out.push_back(std::move(*part));
    }
  }
  return out;
}

}  // namespace soj::tracker
