"""Sixty students of one app process poll their class every second: they share one read of it
(`ClassStore.glance`), and a teacher's change made through the same process reaches them at once."""

from classroom.store import ClassStore


def test_the_polls_of_one_process_share_one_read_and_see_a_change_at_once(store_url):
    store = ClassStore(store_url)
    handle = store.open_class("glance")
    store.show(handle.code, handle.teacher_key, "gradient_decay", {"gd_w_rec": "0.5"})
    student = store.join(handle.code, "ada")
    reads = []
    follow = store.follow
    store.follow = lambda code: (reads.append(code), follow(code))[1]

    glances = [store.glance(handle.code, 60.0) for _ in range(60)]  # one poll per student
    assert len(reads) == 1
    view, (here, following) = glances[-1]
    assert (view.page, view.query, here, following) == ("gradient_decay", {"gd_w_rec": "0.5"}, 1, 1)

    revision = store.show(handle.code, handle.teacher_key, "unrolled", {})
    assert store.glance(handle.code, 60.0)[0].revision == revision  # not the old view for a minute
    store.seen(handle.code, student, following=False)
    assert store.glance(handle.code, 0.0)[1] == (1, 0)  # an old read is read again

    store.close_class(handle.code, handle.teacher_key)
    assert store.glance(handle.code, 60.0)[0] is None  # the class ended: the students are told
