"""Turns a transcript into the plain form the intent rules read.

Recognisers drop articles, hear "for" as "four", and people say "um" and "please"; all of that is
smoothed here, once, so that the rules stay short. The raw text is kept separately for dictation.

The rewrites are kept by kind, one module each: ``surface`` (case, punctuation, contractions), ``fillers``
(fillers, politeness, words said first or last, endearments, the persona's name), ``dialect`` (regional and
other-language words and grammar), ``kin`` (words for family), ``word_order`` (requests said in another order),
``corrections`` (corrections said again), ``slips`` (recognition slips), and ``words`` (word lists they share).
Each rewrite reads what the ones before it wrote, so their order is kept in ``_REWRITES``.
"""

from __future__ import annotations

from . import corrections, dialect, fillers, kin, surface, word_order
from .fillers import ASKED_KINDLY, CALLED_MAN
from .slips import fix_slips
from .surface import CONTRACTIONS
from .words import ENDEARMENTS, KIN_TITLES

__all__ = ["ASKED_KINDLY", "CALLED_MAN", "CONTRACTIONS", "ENDEARMENTS", "KIN_TITLES", "fix_slips", "normalise"]

_REWRITES = (
    dialect.ah_for_i,
    fillers.fillers_and_vocatives,
    dialect.greeting_first,
    dialect.me_mam_ja_and_thon,
    fillers.blessings,
    dialect.fae_tek_wha_arvo,
    word_order.questions_without_is,
    dialect.mih_prepone_whit_wor,
    word_order.someone_says_we_need,
    dialect.ye_hev_wan_owt,
    word_order.says_we_need_and_does_live,
    fillers.madam_and_stumbles,
    dialect.outta_yall_what_all,
    kin.how_many_little_ones,
    word_order.anything_on_and_what_i_got,
    dialect.mi_inna_di_dat,
    word_order.birthdays_jobs_and_homes,
    dialect.while_t_fi_fit_cannae,
    fillers.sir_after_a_name,
    kin.the_missus_and_hubby,
    dialect.hiv_tae_noo_mi,
    kin.missus_malli_weans,
    word_order.schools_bands_and_services,
    dialect.the_now_quarter_of_pon,
    word_order.what_time_in_a_place,
    fillers.tags_said_last,
    corrections.in_forty_no_fifty,
    dialect.am_wetin_were_yin,
    word_order.or_not_sums_and_timer_first,
    fillers.then_said_first,
    corrections.no_not_four_make_it,
    dialect.one_note_have_i_a_wee,
    word_order.spanish_order_and_homes,
    dialect.tidy_haud_spanish_times,
    kin.the_wifes,
    word_order.reminder_cancel_it,
    dialect.chiac_doric_and_shetland,
    word_order.notes_names_and_clefts,
    fillers.right_said_last,
    word_order.allergies_hobbies_and_hiding_places,
    dialect.aint_bout_mawnin_di,
    fillers.po_love_and_leaving,
    word_order.lists_lockers_and_chuck_on,
    dialect.tanks_does_the_morra_iya,
    word_order.meetings_notes_and_family_facts,
    corrections.wrong_list_and_not_three,
    dialect.tae_form_hooroo_tak,
    fillers.praise_and_goodbyes,
    kin.fella_childer_watoto,
    word_order.add_to_calendar_first,
    dialect.day_ordinal_bonjou_fixing_to,
    word_order.events_debts_and_where_things_are,
    corrections.i_meant_and_twenty_to,
    dialect.the_morrow_divvent_wha,
    fillers.endearments_mid_request,
    corrections.minutes_said_again,
    dialect.evening_six_oclock,
    word_order.not_yet_and_put_there,
    corrections.thing_said_again,
    kin.her_fella,
    word_order.timers_and_where_someone_works,
    fillers.asides_mid_request,
    dialect.how_long_more_crust_gie,
    corrections.timer_minutes_said_again,
    word_order.snooze_it_minutes,
    fillers.asides_and_yes_words,
    corrections.timer_thing_said_again,
    dialect.get_shut_wait_o_chur,
    word_order.lists_and_reasons_first,
    fillers.for_goodness_sake,
    word_order.timers_mail_and_after_prayers,
    dialect.ya_shoppin_i_were,
    word_order.dozens_and_email_from_my_lecturer,
    fillers.asides_and_honorifics,
    word_order.allergies_birthdays_and_percent,
    dialect.birthday_na_in_calendar,
    corrections.added_thing_said_again,
    fillers.rra_and_afterthoughts,
    word_order.oven_one_and_where_she_stays,
    dialect.only_na_dey_leboga,
    word_order.wages_and_moves_said_after,
    fillers.tags_and_keep_that,
    corrections.should_be_not,
    corrections.not_this_but_that,
    dialect.in_the_night_can_continue,
    fillers.itself_said_last,
    word_order.codes_fees_and_dates_asked,
    fillers.hush_and_thanks,
    kin.elder_brother,
    word_order.topic_first_timers_and_free_or_not,
    dialect.gwaan_aiya_em_diolch,
    fillers.same_time_said_last,
    dialect.tank_yuh_big_up,
    word_order.what_time_it_is,
    word_order.said_word_for_word,
    fillers.thanks_and_while_driving,
    word_order.who_is_keeping,
    dialect.the_morn_first_thing,
    fillers.endearments_said_last,
)
"""The rewrites between the surface and the words said around a request, in the order they run.

The kinds interleave because a rewrite often reads what one of another kind wrote: a regional word must be put
plainly before the request that holds it is read in another order ("where mi son work"), so moving a step before
or after another can change what comes out. Within each module the steps are written in this order too.
"""


def normalise(text: str, persona_names: tuple[str, ...] = ("samantha",)) -> str:
    """Lower case, no punctuation, contractions expanded, fillers and politeness dropped.

    The steps, in order:
    1. ``surface.plain``: lower case, punctuation and apostrophes, contractions written out.
    2. ``_REWRITES``: fillers said first, regional words and grammar, words for family, requests said in another
       order and corrections said again, interleaved as listed there.
    3. ``fillers``: "like" said first or last, hedges, the persona's name, politeness, words said first.
    4. ``corrections.no_then_request``: "no, move the bins ..." is the request.
    5. ``word_order.said_shortly``: short requests, and reasons said before them.
    6. ``corrections.said_again``: a time or day said again at once.
    7. ``fillers.said_in_passing``: "by the way", "just in case".
    8. ``word_order.remind_me_what`` and ``job_said_otherwise``: questions asked as reminders, other words for a job.
    9. ``slips.fix_slips``: recognition slips.
    """
    t = surface.plain(text)
    for rewrite in _REWRITES:
        t = rewrite(t)
    t = fillers.drop_like(t)
    t = fillers.drop_hedges(t)
    t = fillers.drop_name_and_politeness(t, persona_names)
    t = corrections.no_then_request(t)
    t = word_order.said_shortly(t)
    t = corrections.said_again(t)
    t = fillers.said_in_passing(t)
    t = word_order.remind_me_what(t)
    t = word_order.job_said_otherwise(t)
    return fix_slips(t)
