fn main() {
    leptos::mount::mount_to_body(teamshape::ui::App);
}
